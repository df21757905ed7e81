import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Store, TicketSummary } from '../../../src/services/store/index.js';
import type { TicketEvent, TicketKind, TicketStatus } from '../../../src/domain/ticket.js';
import { contract, T0 } from './contract.js';

// The ticket repository's history, queue and event reads are in test/storage/store.contract.test.ts;
// these are the reads the reports make.

async function customer(s: Store, id: string): Promise<void> {
  await s.customers.insert({
    id,
    name: id,
    monthlyFeeMinor: 100,
    currency: 'CNY',
    overrides: {},
    createdAt: T0,
  });
}

async function ticket(
  s: Store,
  customer: string,
  createdAt: number,
  status: TicketStatus = 'open',
  kind: TicketKind = 'problem',
): Promise<number> {
  const summary: TicketSummary = {
    status,
    currentKind: kind,
    currentPriority: 'urgent',
    breached: false,
    nextDueAt: null,
    updatedAt: createdAt,
  };
  return s.tickets.insert(
    { customer, kind, priority: 'urgent', channel: 'web', subject: 's', body: 'b', createdAt },
    summary,
  );
}

await contract('ticket report reads', (store) => {
  test('idsCreated without kinds: every ticket created in the window, oldest first, limited', async () => {
    const s = store();
    await customer(s, 'acme');
    await customer(s, 'globex');
    const late = await ticket(s, 'acme', T0 + 30);
    const early = await ticket(s, 'acme', T0 + 10, 'closed', 'complaint');
    const other = await ticket(s, 'globex', T0 + 20, 'new', 'inquiry');
    const tie = await ticket(s, 'acme', T0 + 10);
    await ticket(s, 'acme', T0 + 40);
    const ids = async (customer: string | undefined, limit = 10) =>
      (await s.tickets.idsCreated(T0, T0 + 40, undefined, customer, limit)).map((r) => r.ticketId);
    assert.deepEqual(await ids(undefined), [early, tie, other, late]);
    assert.deepEqual(await ids('acme'), [early, tie, late]);
    assert.deepEqual(await ids(undefined, 2), [early, tie]);
    assert.deepEqual(await s.tickets.idsCreated(T0, T0 + 40, ['complaint'], undefined, 10), [
      { ticketId: early, customer: 'acme', createdAt: T0 + 10 },
    ]);
    assert.deepEqual(await s.tickets.idsCreated(T0, T0 + 40, [], undefined, 10), []);
  });

  test('idsCreated pages in (createdAt, id) order after a given ticket, ties included', async () => {
    const s = store();
    await customer(s, 'pager');
    const made: number[] = [];
    for (const dt of [5, 1, 1, 1, 3, 3, 9]) made.push(await ticket(s, 'pager', T0 + dt));
    const expected = [made[1], made[2], made[3], made[4], made[5], made[0], made[6]];
    const seen: number[] = [];
    for (let after: { createdAt: number; id: number } | undefined; ;) {
      const page = await s.tickets.idsCreated(T0, T0 + 10, undefined, 'pager', 2, after);
      if (page.length === 0) break;
      seen.push(...page.map((p) => p.ticketId));
      const last = page[page.length - 1]!;
      after = { createdAt: last.createdAt, id: last.ticketId };
    }
    assert.deepEqual(seen, expected);
  });

  test('openIds: tickets new, open or waiting created before the moment, by id', async () => {
    const s = store();
    await customer(s, 'openco');
    await customer(s, 'otherco');
    const fresh = await ticket(s, 'openco', T0 - 500, 'new');
    const waiting = await ticket(s, 'openco', T0 - 400, 'waiting');
    await ticket(s, 'openco', T0 - 300, 'resolved');
    await ticket(s, 'openco', T0 - 200, 'closed');
    const elsewhere = await ticket(s, 'otherco', T0 - 100, 'open');
    await ticket(s, 'openco', T0 + 100_000, 'open');
    const ids = await s.tickets.openIds(T0 + 100_000, 'openco', 10);
    assert.deepEqual(ids, [fresh, waiting]);
    const all = await s.tickets.openIds(T0, undefined, 1_000);
    assert.ok([fresh, waiting, elsewhere].every((id) => all.includes(id)));
    assert.deepEqual(
      [...all].sort((a, b) => a - b),
      all,
    );
    assert.deepEqual(await s.tickets.openIds(T0, 'openco', 1), [fresh]);
  });

  test('idsWithLateEvents: tickets with a late event dated in the window, by id, limited', async () => {
    const s = store();
    await customer(s, 'lateco');
    await customer(s, 'punctual');
    const event = (seq: number, at: number, late?: true): TicketEvent => ({
      seq,
      type: 'acknowledged',
      at,
      recordedAt: late ? at + 3_600_000 : at,
      recordedBy: { id: 'tok_1', name: 'admin' },
      late,
    });
    const from = T0 + 1_000_000;
    const to = from + 1_000;
    const twice = await ticket(s, 'lateco', T0);
    await s.tickets.appendEvents(twice, [event(1, from, true), event(2, from + 10, true)]);
    const other = await ticket(s, 'punctual', T0);
    await s.tickets.appendEvents(other, [event(1, from + 999, true)]);
    const onTime = await ticket(s, 'lateco', T0);
    await s.tickets.appendEvents(onTime, [event(1, from + 1)]);
    const outside = await ticket(s, 'lateco', T0);
    await s.tickets.appendEvents(outside, [event(1, from - 1, true), event(2, to, true)]);
    assert.deepEqual(await s.tickets.idsWithLateEvents(from, to, undefined, 10), [twice, other]);
    assert.deepEqual(await s.tickets.idsWithLateEvents(from, to, 'lateco', 10), [twice]);
    assert.deepEqual(await s.tickets.idsWithLateEvents(from, to, undefined, 1), [twice]);
    assert.deepEqual(await s.tickets.idsWithLateEvents(from - 1, from, 'lateco', 10), [outside]);
  });

  test('an empty list of kinds, statuses or event types matches nothing, on both databases', async () => {
    const s = store();
    assert.deepEqual(await s.tickets.idsCreated(T0 - 1_000, T0 + 1_000, [], undefined, 10), []);
    assert.deepEqual(await s.tickets.idsWithStatus([], 0, 10), []);
    assert.deepEqual(await s.tickets.eventsBetween([], T0 - 1_000, T0 + 1_000), []);
  });
});

await contract('ticket walks by creation', (store) => {
  test('firstCreatedAt: none without tickets, then the oldest creation whatever the id order', async () => {
    const s = store();
    assert.equal(await s.tickets.firstCreatedAt(), undefined);
    await customer(s, 'acme');
    await ticket(s, 'acme', T0 + 50);
    await ticket(s, 'acme', T0 - 3_600_000); // imported history: a later id, an earlier time
    assert.equal(await s.tickets.firstCreatedAt(), T0 - 3_600_000);
  });

  test('idsCreatedSince: created in [from, to), by id after the cursor, limited', async () => {
    const s = store();
    const a = await ticket(s, 'acme', T0 + 100);
    const b = await ticket(s, 'acme', T0 + 300, 'closed');
    const c = await ticket(s, 'acme', T0 + 200);
    await ticket(s, 'acme', T0 + 400); // at `to`: outside
    assert.deepEqual(await s.tickets.idsCreatedSince(T0 + 100, T0 + 400, 0, 10), [a, b, c]);
    assert.deepEqual(await s.tickets.idsCreatedSince(T0 + 100, T0 + 400, 0, 2), [a, b]);
    assert.deepEqual(await s.tickets.idsCreatedSince(T0 + 100, T0 + 400, b, 2), [c]);
    assert.deepEqual(await s.tickets.idsCreatedSince(T0 + 150, T0 + 250, 0, 10), [c]);
  });
});
