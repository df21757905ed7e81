import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NewNotification } from '../../../src/services/store/index.js';
import { contract, T0 } from './contract.js';

const notification = (
  dedupeKey: string,
  extra: Partial<NewNotification> = {},
): NewNotification => ({
  dedupeKey,
  alertId: 1,
  kind: 'page',
  recipient: 'person:ann',
  recipientName: 'Ann',
  channels: ['dingtalk', 'email'],
  language: 'en',
  template: 'page',
  context: { summary: 'down', n: 2 },
  severity: 'critical',
  notBefore: T0,
  createdAt: T0,
  ...extra,
});

await contract('notifications', (store) => {
  test('enqueue keeps one row per dedupe key and reads back pending', async () => {
    const s = store();
    assert.equal(await s.notifications.enqueue([notification('a'), notification('b')]), 2);
    assert.equal(await s.notifications.enqueue([notification('a'), notification('c')]), 1);
    const { notifications, total } = await s.notifications.list({ limit: 10, offset: 0 });
    assert.equal(total, 3);
    assert.deepEqual(
      notifications.map((n) => n.dedupeKey),
      ['c', 'b', 'a'],
    );
    const a = notifications[2]!;
    assert.equal(a.status, 'pending');
    assert.equal(a.channelIndex, 0);
    assert.equal(a.attempts, 0);
    assert.equal(a.totalAttempts, 0);
    assert.equal(a.nextAttemptAt, T0);
    assert.equal(a.leaseUntil, null);
    assert.deepEqual(a.notes, []);
    assert.deepEqual(a.channels, ['dingtalk', 'email']);
    assert.deepEqual(a.context, { summary: 'down', n: 2 });
    assert.deepEqual(await s.notifications.get(a.id), a);
  });

  test('claimDue takes due pending rows and expired leases, once, soonest first', async () => {
    const s = store();
    await s.notifications.enqueue([
      notification('due-late', { alertId: 2, notBefore: T0 + 2_000 }),
      notification('due-early', { alertId: 2, notBefore: T0 + 1_000 }),
      notification('not-yet', { alertId: 2, notBefore: T0 + 60_000 }),
    ]);
    const now = T0 + 5_000;
    const first = await s.notifications.claimDue(now, 10, now + 30_000, 'one');
    const mine = first.filter((n) => n.alertId === 2);
    assert.deepEqual(
      mine.map((n) => n.dedupeKey),
      ['due-early', 'due-late'],
    );
    // Reported as found (pending), though now held by "one".
    assert.ok(mine.every((n) => n.status === 'pending' && n.leaseUntil === now + 30_000));
    assert.equal(
      (await s.notifications.claimDue(now, 10, now + 30_000, 'two')).filter((n) => n.alertId === 2)
        .length,
      0,
    );
    // Once the lease has run out, another owner takes it over and sees it was mid-sending.
    const later = now + 31_000;
    const retaken = (await s.notifications.claimDue(later, 10, later + 30_000, 'two')).filter(
      (n) => n.alertId === 2,
    );
    assert.deepEqual(
      retaken.map((n) => [n.dedupeKey, n.status]),
      [
        ['due-early', 'sending'],
        ['due-late', 'sending'],
      ],
    );
  });

  test('update with an owner applies only while that owner holds the lease', async () => {
    const s = store();
    await s.notifications.enqueue([notification('lease', { alertId: 3 })]);
    const [n] = (await s.notifications.claimDue(T0 + 1, 100, T0 + 100, 'holder')).filter(
      (x) => x.alertId === 3,
    );
    assert.ok(n);
    assert.equal(await s.notifications.update(n.id, { attempts: 1 }, 'intruder'), false);
    assert.equal(
      await s.notifications.update(
        n.id,
        {
          status: 'delivered',
          attempts: 1,
          totalAttempts: 1,
          deliveredAt: T0 + 2,
          deliveredVia: 'email',
          notes: ['sent by e-mail because DingTalk failed'],
        },
        'holder',
      ),
      true,
    );
    // Delivered: the lease is gone, so the holder cannot write again.
    assert.equal(await s.notifications.update(n.id, { attempts: 2 }, 'holder'), false);
    const got = (await s.notifications.get(n.id))!;
    assert.equal(got.status, 'delivered');
    assert.equal(got.deliveredVia, 'email');
    assert.deepEqual(got.notes, ['sent by e-mail because DingTalk failed']);
    assert.equal(got.attempts, 1);
    // Without an owner, unconditionally.
    assert.equal(await s.notifications.update(n.id, { lastError: 'x' }), true);
    assert.equal((await s.notifications.get(n.id))!.lastError, 'x');
  });

  test('cancelPending cancels only the alert’s pending pages; deliveredFor lists its delivered pages', async () => {
    const s = store();
    await s.notifications.enqueue([
      notification('p1', { alertId: 4 }),
      notification('p2', { alertId: 4 }),
      notification('notice', { alertId: 4, kind: 'notice' }),
      notification('other', { alertId: 5 }),
    ]);
    const rows = (await s.notifications.list({ alertId: 4, limit: 10, offset: 0 })).notifications;
    const p1 = rows.find((r) => r.dedupeKey === 'p1')!;
    await s.notifications.update(p1.id, { status: 'delivered', deliveredAt: T0 });
    assert.equal(await s.notifications.cancelPending(4, 'resolved'), 1);
    const after = await s.notifications.list({ alertId: 4, limit: 10, offset: 0 });
    const status = Object.fromEntries(after.notifications.map((n) => [n.dedupeKey, n.status]));
    assert.deepEqual(status, { p1: 'delivered', p2: 'cancelled', notice: 'pending' });
    assert.equal(after.notifications.find((n) => n.dedupeKey === 'p2')!.lastError, 'resolved');
    assert.equal(
      (await s.notifications.list({ alertId: 5, statuses: ['pending'], limit: 10, offset: 0 }))
        .total,
      1,
    );
    assert.deepEqual(
      (await s.notifications.deliveredFor(4)).map((n) => n.dedupeKey),
      ['p1'],
    );
  });

  test('delivery attempts are kept per notification in the order made', async () => {
    const s = store();
    await s.notifications.enqueue([
      notification('att1', { alertId: 6 }),
      notification('att2', { alertId: 6 }),
    ]);
    const [b, a] = (await s.notifications.list({ alertId: 6, limit: 10, offset: 0 })).notifications;
    const attempt = (id: number, n: number, outcome: 'delivered' | 'failed') => ({
      notificationId: id,
      attempt: n,
      channel: n === 1 ? 'dingtalk' : 'email',
      at: T0 + n,
      durationMs: 12.4,
      outcome,
      detail: outcome === 'failed' ? 'timeout' : 'ok',
    });
    await s.notifications.recordAttempt(attempt(a!.id, 1, 'failed'));
    await s.notifications.recordAttempt(attempt(b!.id, 1, 'delivered'));
    await s.notifications.recordAttempt(attempt(a!.id, 2, 'delivered'));
    const got = await s.notifications.attemptsOf([b!.id, a!.id]);
    assert.deepEqual(
      got.map((x) => [x.notificationId, x.attempt, x.channel, x.outcome, x.durationMs]),
      [
        [a!.id, 1, 'dingtalk', 'failed', 12],
        [a!.id, 2, 'email', 'delivered', 12],
        [b!.id, 1, 'dingtalk', 'delivered', 12],
      ].sort((x, y) => Number(x[0]) - Number(y[0])),
    );
    assert.deepEqual(await s.notifications.attemptsOf([]), []);
  });
});
