import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NewAlert } from '../../../src/services/store/index.js';
import { contract, T0 } from './contract.js';

let signal = 0;
const alert = (key: string, extra: Partial<NewAlert> = {}): NewAlert => ({
  key,
  cause: `ticket:${key}|C-01`,
  signalId: ++signal,
  type: 'clock.breached',
  severity: 'error',
  subjectType: 'ticket',
  subjectId: key,
  commitment: 'C-01',
  customer: 'acme',
  service: null,
  route: 'default',
  escalation: 'standard',
  channels: ['email', 'sms'],
  startLevel: 1,
  expedite: false,
  summary: `Ticket ${key} breached`,
  openedAt: T0,
  nextAt: T0 + 60_000,
  data: { ticket: key, n: 1 },
  ...extra,
});

await contract('alerts', (store) => {
  test('an inserted alert reads back triggered, with its counters started', async () => {
    const s = store();
    const a = await s.alerts.insert(alert('1', { expedite: true }));
    assert.equal(a.status, 'triggered');
    assert.equal(a.steps, 0);
    assert.equal(a.level, null);
    assert.equal(a.signalCount, 1);
    assert.equal(a.lastSignalAt, T0);
    assert.equal(a.updatedAt, T0);
    assert.equal(a.expedite, true);
    assert.deepEqual(a.channels, ['email', 'sms']);
    assert.deepEqual(a.data, { ticket: '1', n: 1 });
    assert.deepEqual(await s.alerts.get(a.id), a);
    assert.equal(await s.alerts.get(a.id + 1000), undefined);
  });

  test('open alerts are found by key and cause; resolved ones are not', async () => {
    const s = store();
    const a = await s.alerts.insert(alert('k1', { cause: 'svc:api' }));
    const b = await s.alerts.insert(alert('k2', { cause: 'svc:api' }));
    assert.equal((await s.alerts.findOpenByKey('k1'))?.id, a.id);
    assert.deepEqual(
      (await s.alerts.findOpenByCause('svc:api')).map((x) => x.id),
      [a.id, b.id],
    );
    await s.alerts.update(a.id, { status: 'resolved', resolvedAt: T0 + 5, updatedAt: T0 + 5 });
    assert.equal(await s.alerts.findOpenByKey('k1'), undefined);
    assert.deepEqual(
      (await s.alerts.findOpenByCause('svc:api')).map((x) => x.id),
      [b.id],
    );
    // A new alert under the key of a resolved one is the open one.
    const c = await s.alerts.insert(alert('k1', { cause: 'svc:api' }));
    assert.equal((await s.alerts.findOpenByKey('k1'))?.id, c.id);
  });

  test('update applies only when the expected steps and statuses still hold', async () => {
    const s = store();
    const a = await s.alerts.insert(alert('u1'));
    assert.equal(
      await s.alerts.update(a.id, { steps: 1, level: 1, updatedAt: T0 + 1 }, { steps: 0 }),
      true,
    );
    // A second instance that also saw 0 steps does not page again.
    assert.equal(
      await s.alerts.update(a.id, { steps: 1, level: 2, updatedAt: T0 + 2 }, { steps: 0 }),
      false,
    );
    assert.equal(
      await s.alerts.update(
        a.id,
        {
          status: 'acknowledged',
          acknowledgedAt: T0 + 3,
          acknowledgedBy: 'ann',
          updatedAt: T0 + 3,
        },
        { statuses: ['triggered'] },
      ),
      true,
    );
    assert.equal(
      await s.alerts.update(a.id, { steps: 2, updatedAt: T0 + 4 }, { statuses: ['triggered'] }),
      false,
    );
    const got = (await s.alerts.get(a.id))!;
    assert.equal(got.steps, 1);
    assert.equal(got.level, 1);
    assert.equal(got.status, 'acknowledged');
    assert.equal(got.acknowledgedBy, 'ann');
    assert.equal(got.updatedAt, T0 + 3);
    // Fields left out of a patch keep their values (null can be set explicitly).
    await s.alerts.update(a.id, { nextAt: null, updatedAt: T0 + 5 });
    const cleared = (await s.alerts.get(a.id))!;
    assert.equal(cleared.nextAt, null);
    assert.equal(cleared.acknowledgedAt, T0 + 3);
  });

  test('due lists triggered alerts whose step is due, soonest first, up to the limit', async () => {
    const s = store();
    const late = await s.alerts.insert(alert('d1', { nextAt: T0 + 10 * 60_000 }));
    const soon = await s.alerts.insert(alert('d2', { nextAt: T0 + 9 * 60_000 }));
    const future = await s.alerts.insert(alert('d3', { nextAt: T0 + 99 * 60_000 }));
    const never = await s.alerts.insert(alert('d4', { nextAt: null }));
    const acked = await s.alerts.insert(alert('d5', { nextAt: T0 + 8 * 60_000 }));
    await s.alerts.update(acked.id, { status: 'acknowledged', updatedAt: T0 });
    const due = (await s.alerts.due(T0 + 10 * 60_000, 100)).map((a) => a.id);
    const mine = due.filter((id) => [late, soon, future, never, acked].some((a) => a.id === id));
    assert.deepEqual(mine, [soon.id, late.id]);
    assert.equal((await s.alerts.due(T0 + 10 * 60_000, 1)).length, 1);
  });

  test('openAbout finds open alerts by subject type, oldest first', async () => {
    const s = store();
    const m1 = await s.alerts.insert(alert('m1', { subjectType: 'monitor' }));
    const m2 = await s.alerts.insert(alert('m2', { subjectType: 'monitor' }));
    const m3 = await s.alerts.insert(alert('m3', { subjectType: 'monitor' }));
    await s.alerts.update(m2.id, { status: 'resolved', updatedAt: T0 });
    await s.alerts.update(m3.id, { status: 'acknowledged', updatedAt: T0 });
    assert.deepEqual(
      (await s.alerts.openAbout('monitor', 10)).map((a) => a.id),
      [m1.id, m3.id],
    );
    assert.deepEqual(
      (await s.alerts.openAbout('monitor', 1)).map((a) => a.id),
      [m1.id],
    );
  });

  test('list filters by status and customer, newest first, with the total before paging', async () => {
    const s = store();
    const ids = [];
    for (let i = 0; i < 3; i++)
      ids.push((await s.alerts.insert(alert(`l${i}`, { customer: 'listco' }))).id);
    await s.alerts.insert(alert('l-other', { customer: 'elsewhere' }));
    await s.alerts.update(ids[0]!, { status: 'resolved', updatedAt: T0 });
    const page = await s.alerts.list({ customer: 'listco', limit: 1, offset: 1 });
    assert.equal(page.total, 3);
    assert.deepEqual(
      page.alerts.map((a) => a.id),
      [ids[1]],
    );
    const open = await s.alerts.list({
      customer: 'listco',
      statuses: ['triggered'],
      limit: 10,
      offset: 0,
    });
    assert.equal(open.total, 2);
    assert.deepEqual(
      open.alerts.map((a) => a.id),
      [ids[2], ids[1]],
    );
  });

  test('the log of an alert reads back in the order written', async () => {
    const s = store();
    const a = await s.alerts.insert(alert('log'));
    const b = await s.alerts.insert(alert('log-other'));
    await s.alerts.log({ alertId: a.id, at: T0, kind: 'opened', message: 'opened' });
    await s.alerts.log({
      alertId: a.id,
      at: T0,
      kind: 'paged',
      message: 'paged level 1',
      data: { level: 1 },
    });
    await s.alerts.log({ alertId: b.id, at: T0, kind: 'opened', message: 'other' });
    assert.deepEqual(await s.alerts.logOf(a.id), [
      { alertId: a.id, at: T0, kind: 'opened', message: 'opened', data: {} },
      { alertId: a.id, at: T0, kind: 'paged', message: 'paged level 1', data: { level: 1 } },
    ]);
  });
});
