import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReportRun } from '../../../src/services/store/index.js';
import { contract, T0 } from './contract.js';

const claim = (schedule: string, period: string, extra: Partial<ReportRun> = {}) => ({
  schedule,
  period,
  kind: 'monthly',
  status: 'generating' as const,
  attempts: 1,
  dueAt: T0,
  nextAttemptAt: null,
  leaseUntil: T0 + 60_000,
  createdAt: T0,
  updatedAt: T0,
  ...extra,
});

await contract('report schedules', (store) => {
  test('a run is claimed once; it reads back with empty recipients and no file', async () => {
    const s = store();
    assert.equal(await s.reportSchedules.claimNew(claim('monthly-board', '2026-10')), true);
    assert.equal(await s.reportSchedules.claimNew(claim('monthly-board', '2026-10')), false);
    assert.deepEqual(await s.reportSchedules.get('monthly-board', '2026-10'), {
      ...claim('monthly-board', '2026-10'),
      generatedAt: null,
      error: null,
      fileName: null,
      contentType: null,
      size: null,
      recipients: [],
      notifications: [],
    });
    assert.equal(await s.reportSchedules.get('monthly-board', '2026-09'), undefined);
    assert.equal(await s.reportSchedules.file('monthly-board', '2026-10'), undefined);
  });

  test('update changes only what the patch names; the file is kept with the run', async () => {
    const s = store();
    await s.reportSchedules.claimNew(claim('weekly', '2026-W41'));
    const recipients = [{ target: 'person:ann', name: 'Ann', channels: ['email'] }];
    await s.reportSchedules.update('weekly', '2026-W41', {
      status: 'queued',
      generatedAt: T0 + 5,
      recipients,
      notifications: [7, 8],
      leaseUntil: null,
      updatedAt: T0 + 5,
    });
    const content = Buffer.from([0, 1, 2, 250, 255, 10]);
    await s.reportSchedules.putFile('weekly', '2026-W41', {
      name: 'weekly.pdf',
      contentType: 'application/pdf',
      content,
    });
    const run = (await s.reportSchedules.get('weekly', '2026-W41'))!;
    assert.equal(run.status, 'queued');
    assert.equal(run.attempts, 1);
    assert.equal(run.leaseUntil, null);
    assert.equal(run.generatedAt, T0 + 5);
    assert.deepEqual(run.recipients, recipients);
    assert.deepEqual(run.notifications, [7, 8]);
    assert.equal(run.fileName, 'weekly.pdf');
    assert.equal(run.size, content.length);
    assert.equal(run.updatedAt, T0 + 5);
    assert.deepEqual(await s.reportSchedules.file('weekly', '2026-W41'), {
      name: 'weekly.pdf',
      contentType: 'application/pdf',
      content,
    });
  });

  test('reclaim takes over an ended lease or a due retry, once; not a live lease or a queued run', async () => {
    const s = store();
    await s.reportSchedules.claimNew(claim('r', 'leased', { leaseUntil: T0 + 100 }));
    await s.reportSchedules.claimNew(claim('r', 'failed'));
    await s.reportSchedules.update('r', 'failed', {
      status: 'failed',
      nextAttemptAt: T0 + 500,
      leaseUntil: null,
      error: 'renderer crashed',
      updatedAt: T0,
    });
    await s.reportSchedules.claimNew(claim('r', 'queued'));
    await s.reportSchedules.update('r', 'queued', { status: 'queued', updatedAt: T0 });

    assert.equal(await s.reportSchedules.reclaim('r', 'leased', T0 + 99, T0 + 1_000), false);
    assert.equal(await s.reportSchedules.reclaim('r', 'leased', T0 + 100, T0 + 1_000), true);
    assert.equal(await s.reportSchedules.reclaim('r', 'leased', T0 + 200, T0 + 1_000), false);
    assert.equal(await s.reportSchedules.reclaim('r', 'failed', T0 + 499, T0 + 1_000), false);
    assert.equal(await s.reportSchedules.reclaim('r', 'failed', T0 + 500, T0 + 1_000), true);
    assert.equal(await s.reportSchedules.reclaim('r', 'queued', T0 + 10_000, T0 + 20_000), false);
    const failed = (await s.reportSchedules.get('r', 'failed'))!;
    assert.equal(failed.status, 'generating');
    assert.equal(failed.leaseUntil, T0 + 1_000);
    assert.equal(failed.updatedAt, T0 + 500);
    assert.equal(failed.error, 'renderer crashed');
  });

  test('list: newest due first, by schedule if asked, up to the limit', async () => {
    const s = store();
    await s.reportSchedules.claimNew(claim('list-a', 'p1', { dueAt: T0 + 1 }));
    await s.reportSchedules.claimNew(claim('list-a', 'p2', { dueAt: T0 + 3 }));
    await s.reportSchedules.claimNew(claim('list-b', 'p1', { dueAt: T0 + 2 }));
    assert.deepEqual(
      (await s.reportSchedules.list({ schedule: 'list-a', limit: 10 })).map((r) => r.period),
      ['p2', 'p1'],
    );
    const all = await s.reportSchedules.list({ limit: 3 });
    assert.deepEqual(
      all.map((r) => `${r.schedule}/${r.period}`),
      ['list-a/p2', 'list-b/p1', 'list-a/p1'],
    );
  });

  test('outboxIds gives the ids of the notifications that exist, in the order asked', async () => {
    const s = store();
    const n = (dedupeKey: string) => ({
      dedupeKey,
      alertId: null,
      kind: 'report' as const,
      recipient: 'person:ann',
      recipientName: 'Ann',
      channels: ['email'],
      language: null,
      template: 'report',
      context: {},
      severity: 'info' as const,
      notBefore: T0,
      createdAt: T0,
    });
    await s.notifications.enqueue([n('report:x:1'), n('report:x:2')]);
    const byKey = new Map(
      (await s.notifications.list({ limit: 10, offset: 0 })).notifications.map((r) => [
        r.dedupeKey,
        r.id,
      ]),
    );
    assert.deepEqual(await s.reportSchedules.outboxIds(['report:x:2', 'missing', 'report:x:1']), [
      byKey.get('report:x:2'),
      byKey.get('report:x:1'),
    ]);
    assert.deepEqual(await s.reportSchedules.outboxIds([]), []);
  });
});
