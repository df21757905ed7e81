import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DAY, HOUR, MINUTE } from '../../../src/domain/duration.js';
import { ManualTime } from '../../../src/runtime/time.js';
import { refreshIfPolicyChanged } from '../../../src/services/clocks/refresh-on-policy-change.js';
import { recordPolicyVersion } from '../../../src/services/policy/record-version.js';
import { policyTerms } from '../../../src/services/policy/terms.js';
import type { Policy } from '../../../src/policy/policy.js';
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

    test('a changed policy re-derives the stored clocks of the tickets created from its effectiveFrom on', async () => {
      const original = defaultPolicy();
      const relaxed = (extra: string) =>
        policyFrom(`
surety: 1
name: { en: Relaxed, zh: 宽松 }
${extra}
commitments:
  - { id: C-01, name: { en: First response, zh: 首次响应 }, measure: first_response, target: 30m }
`);
      const dated = relaxed('effectiveFrom: 2026-10-05T08:00:00Z'); // T0
      const later = relaxed('effectiveFrom: 2026-10-05T09:00:00Z');
      const byHash = new Map([original, dated, later].map((p) => [p.hash, p]));
      // The terms as the runtime keeps them: every stored version, by when it applies.
      const withTerms = async (policy: Policy): Promise<ServiceContext> => {
        const versions = await store.policyVersions.all();
        return {
          ...ctx,
          policy,
          terms: policyTerms(
            versions.map((v) => ({ ...v, policy: () => byHash.get(v.hash) })),
            policy,
          ),
        };
      };
      time.set(T0 - HOUR);
      await recordPolicyVersion({ ctx, where: 'guarantee.yaml' });
      await refreshIfPolicyChanged({ ctx }); // the clocks are in line with it
      time.set(T0);
      const t = await createTicket({
        ctx: await withTerms(original),
        input: {
          customer: 'acme',
          kind: 'inquiry',
          priority: 'general',
          channel: 'chat',
          subject: 'Policy',
        },
      });
      assert.equal((await store.clocks.forTicket(t.id))[0]!.dueAt, T0 + 15 * MINUTE);

      // From 09:00 on: the ticket created at 08:00 keeps its 15 minutes.
      time.set(T0 + MINUTE);
      assert.equal(
        (await recordPolicyVersion({ ctx: { ...ctx, policy: later }, where: 'p' })).created,
        true,
      );
      assert.equal(await refreshIfPolicyChanged({ ctx: await withTerms(later) }), 0);
      assert.equal((await store.clocks.forTicket(t.id))[0]!.dueAt, T0 + 15 * MINUTE);

      // Dated back before the version stored last: refused, and nothing is stored.
      const refused = recordPolicyVersion({ ctx: { ...ctx, policy: dated }, where: 'p.yaml:4:16' });
      await assert.rejects(
        refused,
        /p\.yaml:4:16: effectiveFrom 2026-10-05T08:00:00\.000Z, which is before 2026-10-05T09:00:00\.000Z/,
      );
      assert.equal(
        await refreshIfPolicyChanged({ ctx: await withTerms(later) }),
        undefined,
        'unchanged policy: nothing to do',
      );
    });

    test('a version dated back into an open month re-derives the tickets created since', async () => {
      const base = policyFrom(`
surety: 1
name: { en: Base, zh: 基 }
commitments:
  - { id: C-01, name: { en: First response, zh: 首次响应 }, measure: first_response, target: 15m }
`);
      const relaxed = policyFrom(`
surety: 1
name: { en: Relaxed, zh: 宽松 }
effectiveFrom: 2026-10-20T08:00:00Z
commitments:
  - { id: C-01, name: { en: First response, zh: 首次响应 }, measure: first_response, target: 30m }
`);
      const byHash = new Map([base, relaxed].map((p) => [p.hash, p]));
      const withTerms = async (policy: Policy): Promise<ServiceContext> => ({
        ...ctx,
        policy,
        terms: policyTerms(
          (await store.policyVersions.all()).map((v) => ({
            ...v,
            policy: () => byHash.get(v.hash),
          })),
          policy,
        ),
      });
      const T1 = at('2026-10-20T08:00:00Z');
      time.set(T1 - DAY);
      await recordPolicyVersion({ ctx: { ...ctx, policy: base }, where: 'base.yaml' });
      await refreshIfPolicyChanged({ ctx: await withTerms(base) });
      const open = async (createdAt: number) => {
        time.set(createdAt);
        return createTicket({
          ctx: await withTerms(base),
          input: {
            customer: 'acme',
            kind: 'inquiry',
            priority: 'general',
            channel: 'chat',
            subject: 'x',
          },
        });
      };
      const before = await open(T1 - HOUR);
      const since = await open(T1 + HOUR);
      time.set(T1 + 2 * HOUR);
      await recordPolicyVersion({ ctx: { ...ctx, policy: relaxed }, where: 'relaxed.yaml' });
      assert.equal(await refreshIfPolicyChanged({ ctx: await withTerms(relaxed) }), 1);
      assert.equal((await store.clocks.forTicket(before.id))[0]!.targetMs, 15 * MINUTE);
      assert.equal((await store.clocks.forTicket(since.id))[0]!.targetMs, 30 * MINUTE);
    });
  });
}
