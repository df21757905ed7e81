import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Store, TicketSummary } from '../../../src/services/store/index.js';
import type { TicketKind, TicketStatus } from '../../../src/domain/ticket.js';
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
      { ticketId: early, customer: 'acme' },
    ]);
    assert.deepEqual(await s.tickets.idsCreated(T0, T0 + 40, [], undefined, 10), []);
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
