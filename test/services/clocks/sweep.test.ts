import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MINUTE } from '../../../src/domain/duration.js';
import { ManualTime } from '../../../src/runtime/time.js';
import { refreshIfPolicyChanged } from '../../../src/services/clocks/refresh-on-policy-change.js';
import { sweepClocks } from '../../../src/services/clocks/sweep.js';
import { SYSTEM, type ServiceContext } from '../../../src/services/context.js';
import { createCustomer } from '../../../src/services/customers/create.js';
import type { Store } from '../../../src/services/store/index.js';
import { addTicketEvent } from '../../../src/services/tickets/add-event.js';
import { createTicket } from '../../../src/services/tickets/create.js';
import { freshStore, testDatabases } from '../../helpers/databases.js';
import { at, defaultPolicy, policyFrom } from '../../helpers/policy.js';

const dbs = await testDatabases();
const T0 = at('2026-10-05T08:00:00Z');

for (const db of dbs) {
  describe(`the clock sweep [${db.name}]`, { skip: db.skip }, () => {
    let store: Store;
    let close: () => Promise<void>;
    let ctx: ServiceContext;
    const time = new ManualTime(T0);
    before(async () => {
      ({ store, close } = await freshStore(db));
      ctx = { store, policy: defaultPolicy(), time, caller: SYSTEM };
      await createCustomer({ ctx, input: { id: 'acme', name: 'ACME', monthlyFee: 1000 } });
    });
    after(() => close?.());

    test('records each warning and the breach once, dated when they happened', async () => {
      time.set(T0);
      const t = await createTicket({
        ctx,
        input: {
          customer: 'acme',
          kind: 'inquiry',
          priority: 'general',
          channel: 'chat',
          subject: 'Hi',
        },
      });
      const ours = (signals: Awaited<ReturnType<typeof sweepClocks>>['signals']) =>
        signals.filter((s) => s.subjectId === String(t.id));

      time.set(T0 + 11 * MINUTE);
      assert.deepEqual(ours((await sweepClocks({ ctx })).signals), []);

      time.set(T0 + 14 * MINUTE); // past 75 % (11:15) and 90 % (13:30)
      const warned = ours((await sweepClocks({ ctx })).signals);
      assert.deepEqual(
        warned.map((s) => [s.type, s.at, s.data.threshold]),
        [
          ['clock.warning', T0 + 11.25 * MINUTE, 0.75],
          ['clock.warning', T0 + 13.5 * MINUTE, 0.9],
        ],
      );

      time.set(T0 + 15 * MINUTE); // the deadline itself: not yet breached
      assert.deepEqual(ours((await sweepClocks({ ctx })).signals), []);

      time.set(T0 + 15 * MINUTE + 1);
      const breached = ours((await sweepClocks({ ctx })).signals);
      assert.deepEqual(
        breached.map((s) => [s.type, s.at, s.commitment, s.customer]),
        [['clock.breached', T0 + 15 * MINUTE, 'C-01', 'acme']],
      );

      time.set(T0 + 60 * MINUTE);
      assert.deepEqual(ours((await sweepClocks({ ctx })).signals), [], 'nothing twice');
      const stream = (await store.signals.after(0, 100, { subjectId: String(t.id) })).map(
        (s) => s.type,
      );
      assert.deepEqual(stream, ['clock.warning', 'clock.warning', 'clock.breached']);
      assert.deepEqual(
        (await store.clocks.forTicket(t.id)).map((c) => [c.commitment, c.state, c.nextAt]),
        [['C-01', 'breached', null]],
      );
    });

    test('a clock met in time is never swept again', async () => {
      time.set(T0);
      const t = await createTicket({
        ctx,
        input: {
          customer: 'acme',
          kind: 'inquiry',
          priority: 'general',
          channel: 'chat',
          subject: 'Quick',
        },
      });
      time.set(T0 + 5 * MINUTE);
      await addTicketEvent({ ctx, input: { ticketId: t.id, event: { type: 'acknowledged' } } });
      time.set(T0 + 30 * MINUTE);
      const { signals } = await sweepClocks({ ctx });
      assert.equal(signals.filter((s) => s.subjectId === String(t.id)).length, 0);
      assert.deepEqual(
        (await store.clocks.forTicket(t.id)).map((c) => [c.state, c.nextAt]),
        [['met', null]],
      );
    });

    test('a changed policy re-derives the stored clocks of open tickets', async () => {
      time.set(T0);
      await refreshIfPolicyChanged({ ctx }); // remember the current policy
      const t = await createTicket({
        ctx,
        input: {
          customer: 'acme',
          kind: 'inquiry',
          priority: 'general',
          channel: 'chat',
          subject: 'Policy',
        },
      });
      assert.equal((await store.clocks.forTicket(t.id))[0]!.dueAt, T0 + 15 * MINUTE);
      const relaxed = policyFrom(`
surety: 1
name: { en: Relaxed, zh: 宽松 }
commitments:
  - { id: C-01, name: { en: First response, zh: 首次响应 }, measure: first_response, target: 30m }
`);
      const ctx2 = { ...ctx, policy: relaxed };
      assert.ok((await refreshIfPolicyChanged({ ctx: ctx2 }))! >= 1);
      assert.equal((await store.clocks.forTicket(t.id))[0]!.dueAt, T0 + 30 * MINUTE);
      assert.equal(
        await refreshIfPolicyChanged({ ctx: ctx2 }),
        undefined,
        'unchanged policy: nothing to do',
      );
    });
  });
}
