import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Customer } from '../../src/domain/customer.js';
import type { TicketEvent } from '../../src/domain/ticket.js';
import type { ClockRow, NewTicket, Store, TicketSummary } from '../../src/services/store/index.js';
import { freshStore, testDatabases } from '../helpers/databases.js';

/** One contract for every Store implementation: the same behaviour on SQLite and PostgreSQL. */
const dbs = await testDatabases();

const T0 = Date.parse('2026-10-05T08:00:00Z');
const customer = (id: string, extra: Partial<Customer> = {}): Customer => ({
  id,
  name: id.toUpperCase(),
  monthlyFeeMinor: 1_000_000,
  currency: 'CNY',
  overrides: {},
  createdAt: T0,
  ...extra,
});
const newTicket = (
  customerId: string,
  createdAt = T0,
  extra: Partial<NewTicket> = {},
): NewTicket => ({
  customer: customerId,
  kind: 'problem',
  priority: 'urgent',
  channel: 'web',
  subject: 'Printer on fire',
  body: 'Smoke everywhere',
  createdAt,
  ...extra,
});
const summary = (extra: Partial<TicketSummary> = {}): TicketSummary => ({
  status: 'new',
  currentKind: 'problem',
  currentPriority: 'urgent',
  breached: false,
  nextDueAt: null,
  updatedAt: T0,
  ...extra,
});
const event = (
  seq: number,
  type: TicketEvent['type'],
  at: number,
  extra: Partial<TicketEvent> = {},
): TicketEvent => ({ seq, type, at, recordedAt: at, ...extra });
const clock = (ticketId: number, commitment: string, extra: Partial<ClockRow> = {}): ClockRow => ({
  ticketId,
  commitment,
  customer: 'acme',
  state: 'running',
  targetMs: 900_000,
  dueAt: T0 + 900_000,
  stoppedAt: null,
  breachedAt: null,
  nextAt: T0 + 675_000,
  warned: 0,
  ...extra,
});

for (const db of dbs) {
  describe(`Store contract [${db.name}]`, { skip: db.skip }, () => {
    let store: Store;
    let close: () => Promise<void>;
    before(async () => {
      ({ store, close } = await freshStore(db));
      await store.customers.insert(customer('acme'));
      await store.customers.insert(customer('globex'));
    });
    after(() => close?.());

    test('customers round-trip, upsert replaces terms', async () => {
      const c = customer('initech', {
        plan: 'premium',
        overrides: { 'C-01': { target: 600_000 } },
      });
      await store.customers.insert(c);
      assert.deepEqual(await store.customers.get('initech'), c);
      await store.customers.upsert({ ...c, name: 'Initech Ltd', monthlyFeeMinor: 5 });
      assert.equal((await store.customers.get('initech'))!.name, 'Initech Ltd');
      assert.equal((await store.customers.get('initech'))!.monthlyFeeMinor, 5);
      assert.equal(await store.customers.get('nobody'), undefined);
      assert.deepEqual(
        (await store.customers.list()).map((x) => x.id),
        ['acme', 'globex', 'initech'],
      );
    });

    test('tickets keep their history in order', async () => {
      const id = await store.tickets.insert(newTicket('acme'), summary());
      await store.tickets.appendEvents(id, [
        event(1, 'acknowledged', T0 + 1000, { actor: 'ann', note: 'on it' }),
      ]);
      await store.tickets.appendEvents(id, [
        event(2, 'classified', T0 + 2000, { kind: 'problem', priority: 'general' }),
        event(3, 'resolved', T0 + 3000),
      ]);
      const t = (await store.tickets.get(id))!;
      assert.equal(t.customer, 'acme');
      assert.equal(t.subject, 'Printer on fire');
      assert.equal(t.createdAt, T0);
      assert.deepEqual(
        t.events.map((e) => [e.seq, e.type, e.at]),
        [
          [1, 'acknowledged', T0 + 1000],
          [2, 'classified', T0 + 2000],
          [3, 'resolved', T0 + 3000],
        ],
      );
      assert.equal(t.events[0]!.actor, 'ann');
      assert.equal(t.events[1]!.priority, 'general');
      await store.tickets.updateSummary(
        id,
        summary({
          status: 'resolved',
          currentPriority: 'general',
          breached: true,
          nextDueAt: T0 + 5,
        }),
      );
      const s = (await store.tickets.get(id, { lock: true }))!;
      assert.equal(s.status, 'resolved');
      assert.equal(s.currentPriority, 'general');
      assert.equal(s.priority, 'urgent', 'the priority as created is kept');
      assert.equal(s.breached, true);
      assert.equal(s.nextDueAt, T0 + 5);
      assert.equal(await store.tickets.get(999_999), undefined);
    });

    test('a sequence number is used once per ticket', async () => {
      const id = await store.tickets.insert(newTicket('acme'), summary());
      await store.tickets.appendEvents(id, [event(1, 'acknowledged', T0)]);
      await assert.rejects(store.tickets.appendEvents(id, [event(1, 'resolved', T0)]));
      assert.equal((await store.tickets.get(id))!.events.length, 1);
    });

    test('a failed transaction leaves nothing behind', async () => {
      const before = (await store.tickets.list({ order: 'newest', limit: 1000, offset: 0 })).total;
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.tickets.insert(newTicket('acme'), summary());
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.equal(
        (await store.tickets.list({ order: 'newest', limit: 1000, offset: 0 })).total,
        before,
      );
    });

    test('insertMany pairs each ticket with its own id and history', async () => {
      const ids = await store.tickets.insertMany(
        Array.from({ length: 250 }, (_, i) => ({
          ticket: newTicket(i % 2 ? 'acme' : 'globex', T0 + i, {
            subject: `bulk ${i}`,
            externalId: `ext-${i}`,
          }),
          summary: summary(),
          events: [event(1, 'acknowledged', T0 + i + 1, { note: `note ${i}` })],
        })),
      );
      assert.equal(ids.length, 250);
      const loaded = await store.tickets.getMany([ids[0]!, ids[137]!, ids[249]!]);
      const byId = new Map(loaded.map((t) => [t.id, t]));
      for (const i of [0, 137, 249]) {
        const t = byId.get(ids[i]!)!;
        assert.equal(t.subject, `bulk ${i}`);
        assert.equal(t.events[0]!.note, `note ${i}`);
      }
      assert.equal(await store.tickets.findByExternalId('acme', 'ext-137'), ids[137]);
      assert.equal(await store.tickets.findByExternalId('globex', 'ext-137'), undefined);
    });

    test('the queue lists breached tickets first, then the nearest deadline', async () => {
      const { store: s, close: c } = await freshStore(db);
      try {
        await s.customers.insert(customer('acme'));
        const late = await s.tickets.insert(newTicket('acme'), summary({ nextDueAt: T0 + 900 }));
        const soon = await s.tickets.insert(newTicket('acme'), summary({ nextDueAt: T0 + 100 }));
        const none = await s.tickets.insert(newTicket('acme'), summary({ nextDueAt: null }));
        const breached = await s.tickets.insert(
          newTicket('acme'),
          summary({ breached: true, nextDueAt: null }),
        );
        const done = await s.tickets.insert(newTicket('acme'), summary({ status: 'closed' }));
        const q = await s.tickets.list({
          order: 'queue',
          statuses: ['new', 'open', 'waiting'],
          limit: 10,
          offset: 0,
        });
        assert.deepEqual(
          q.tickets.map((t) => t.id),
          [breached, soon, late, none],
        );
        assert.equal(q.total, 4);
        const newest = await s.tickets.list({ order: 'newest', limit: 2, offset: 0 });
        assert.deepEqual(
          newest.tickets.map((t) => t.id),
          [done, breached],
        );
        assert.equal(newest.total, 5);
      } finally {
        await c();
      }
    });

    test('events and creations are found by window and customer', async () => {
      const { store: s, close: c } = await freshStore(db);
      try {
        await s.customers.insert(customer('acme'));
        await s.customers.insert(customer('globex'));
        const a = await s.tickets.insert(
          newTicket('acme', T0, { kind: 'complaint' }),
          summary({ currentKind: 'complaint' }),
        );
        const b = await s.tickets.insert(newTicket('globex', T0 + 10), summary());
        await s.tickets.insert(newTicket('acme', T0 + 100_000), summary());
        await s.tickets.appendEvents(a, [
          event(1, 'resolved', T0 + 50),
          event(2, 'rated', T0 + 60, { rating: 4 }),
        ]);
        await s.tickets.appendEvents(b, [event(1, 'resolved', T0 + 70)]);
        const rows = await s.tickets.eventsBetween(['rated', 'resolved'], T0, T0 + 65);
        assert.deepEqual(
          rows.map((r) => [r.ticketId, r.type, r.rating, r.customer, r.kind]),
          [
            [a, 'resolved', null, 'acme', 'complaint'],
            [a, 'rated', 4, 'acme', 'complaint'],
          ],
        );
        assert.equal(
          (await s.tickets.eventsBetween(['resolved'], T0, T0 + 1000, 'globex')).length,
          1,
        );
        const counts = await s.tickets.countCreated(T0, T0 + 1000);
        assert.deepEqual(counts.map((r) => [r.customer, r.kind, r.count]).sort(), [
          ['acme', 'complaint', 1],
          ['globex', 'problem', 1],
        ]);
        assert.deepEqual(await s.tickets.idsCreated(T0, T0 + 1000, ['complaint'], undefined, 10), [
          { ticketId: a, customer: 'acme', createdAt: T0 },
        ]);
        assert.deepEqual(
          await s.tickets.idsCreated(T0, T0 + 1000, ['complaint'], 'globex', 10),
          [],
        );
      } finally {
        await c();
      }
    });

    test('clocks: the sweep index finds what changes before a moment; settled clocks by window', async () => {
      const { store: s, close: c } = await freshStore(db);
      try {
        await s.customers.insert(customer('acme'));
        const t1 = await s.tickets.insert(newTicket('acme'), summary());
        const t2 = await s.tickets.insert(newTicket('acme'), summary());
        await s.clocks.replaceForTicket(t1, [
          clock(t1, 'C-01', { nextAt: T0 + 100 }),
          clock(t1, 'C-02', { nextAt: T0 + 5000 }),
        ]);
        await s.clocks.replaceForTicket(t2, [
          clock(t2, 'C-01', { nextAt: null, state: 'met', stoppedAt: T0 + 10 }),
        ]);
        assert.deepEqual(
          (await s.clocks.changingBefore(T0 + 101, 10)).map((r) => [r.ticketId, r.commitment]),
          [[t1, 'C-01']],
        );
        assert.deepEqual(
          (await s.clocks.changingBefore(T0 + 100, 10)).length,
          0,
          'strictly before',
        );
        assert.equal((await s.clocks.changingBefore(T0 + 10_000, 1)).length, 1, 'limit');
        // Replacing is whole: the old rows go.
        await s.clocks.replaceForTicket(t1, [
          clock(t1, 'C-01', { state: 'breached', nextAt: null, breachedAt: T0 + 900 }),
        ]);
        assert.deepEqual(
          (await s.clocks.forTicket(t1)).map((r) => [r.commitment, r.state]),
          [['C-01', 'breached']],
        );
        const settled = await s.clocks.settledBetween(T0, T0 + 1000);
        assert.deepEqual(
          settled.map((r) => [r.ticketId, r.state]),
          [
            [t1, 'breached'],
            [t2, 'met'],
          ],
        );
        assert.deepEqual((await s.clocks.settledBetween(T0 + 901, T0 + 2000)).length, 0);
      } finally {
        await c();
      }
    });

    test('signals are appended once per dedupe key and read in order after a cursor', async () => {
      const sig = (key: string, at: number) => ({
        at,
        recordedAt: at,
        type: 'clock.breached',
        subjectType: 'ticket',
        subjectId: '1',
        commitment: 'C-01',
        customer: 'acme',
        data: { dueAt: at },
        dedupeKey: key,
      });
      const first = await store.signals.append([sig('k1', T0), sig('k2', T0 + 1)]);
      assert.equal(first.length, 2);
      const again = await store.signals.append([sig('k1', T0), sig('k3', T0 + 2)]);
      assert.deepEqual(
        again.map((s) => s.subjectId + s.type + s.at),
        ['1clock.breached' + String(T0 + 2)],
      );
      const all = await store.signals.after(0, 100);
      assert.deepEqual(
        all.map((s) => s.data.dueAt),
        [T0, T0 + 1, T0 + 2],
      );
      assert.equal((await store.signals.after(all[0]!.id, 100)).length, 2);
      assert.equal((await store.signals.after(0, 100, { customer: 'globex' })).length, 0);
    });

    test('tokens: found by hash, revoked once, counted by role', async () => {
      await store.tokens.insert({
        id: 'tok_a',
        hash: 'aa',
        role: 'admin',
        customer: null,
        name: null,
        createdAt: T0,
        revokedAt: null,
      });
      await store.tokens.insert({
        id: 'tok_c',
        hash: 'cc',
        role: 'customer',
        customer: 'acme',
        name: 'portal',
        createdAt: T0,
        revokedAt: null,
      });
      assert.equal((await store.tokens.findByHash('cc'))!.customer, 'acme');
      assert.equal(await store.tokens.findByHash('zz'), undefined);
      assert.equal(await store.tokens.countActive('admin'), 1);
      assert.equal(await store.tokens.revoke('tok_a', T0 + 1), true);
      assert.equal(await store.tokens.revoke('tok_a', T0 + 2), false);
      assert.equal((await store.tokens.findByHash('aa'))!.revokedAt, T0 + 1);
      assert.equal(await store.tokens.countActive('admin'), 0);
    });

    test('statistics can be refreshed at any time', async () => {
      await store.optimize();
      const ids = (await store.tickets.list({ order: 'newest', limit: 3, offset: 0 })).tickets.map(
        (t) => t.id,
      );
      const locked = await store.transaction((tx) =>
        tx.tickets.getMany([...ids].reverse(), { lock: true }),
      );
      assert.deepEqual(
        locked.map((t) => t.id),
        [...ids].sort((a, b) => a - b),
        'in id order',
      );
    });

    test('meta keeps one value per key', async () => {
      await store.meta.set('policy', 'a');
      await store.meta.set('policy', 'b');
      assert.equal(await store.meta.get('policy'), 'b');
      assert.equal(await store.meta.get('none'), undefined);
    });
  });
}
