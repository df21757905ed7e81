// Importing history from another helpdesk: past tickets with their events, judged as they
// happened; all or nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testDatabases } from '../helpers/databases.js';
import type { TestServer } from '../helpers/server.js';
import {
  DAY,
  HOUR,
  MIN,
  T0,
  addCustomer,
  clockOf,
  expectDetailAt,
  expectError,
  expectStatus,
  getTicket,
  iso,
  record,
  serverPerTest,
} from './support.js';

const dbs = await testDatabases();

/** T0 (now) is 2026-10-05T08:00Z; the history below starts two days before. */
const D = T0 - 2 * DAY;

function ticket(extra: Record<string, unknown> = {}) {
  return {
    customer: 'acme',
    kind: 'inquiry',
    priority: 'general',
    channel: 'email',
    subject: 'old',
    createdAt: iso(D),
    ...extra,
  };
}

async function total(s: TestServer): Promise<number> {
  const r = await s.api('GET', '/api/v1/tickets');
  expectStatus(r, 200);
  return r.body.total;
}

async function importTickets(s: TestServer, tickets: unknown[]) {
  return s.api('POST', '/api/v1/tickets/import', { tickets });
}

for (const db of dbs) {
  describe(`import: history with past times [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db);

    it('imports tickets with their events and judges their clocks as they happened', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const r = await importTickets(s, [
        // Answered in 10 min, resolved in 30 h: C-01 met, C-03 breached at D+24h.
        ticket({
          kind: 'problem',
          priority: 'general',
          externalId: 'ZD-1',
          events: [
            { type: 'acknowledged', at: iso(D + 10 * MIN) },
            { type: 'resolved', at: iso(D + 30 * HOUR), note: 'fixed' },
          ],
        }),
        // Never answered: C-01 breached at D+15m; C-02 breached at D+2h.
        ticket({ kind: 'problem', priority: 'urgent', externalId: 'ZD-2' }),
        // All in time, still open: no breach; C-02 waiting on the customer.
        ticket({
          kind: 'problem',
          priority: 'urgent',
          createdAt: iso(T0 - HOUR),
          externalId: 'ZD-3',
          events: [
            { type: 'acknowledged', at: iso(T0 - HOUR + 15 * MIN) },
            { type: 'waiting_on_customer', at: iso(T0 - 30 * MIN) },
          ],
        }),
      ]);
      expectStatus(r, 201);
      assert.equal(r.body.imported, 3);
      assert.equal(r.body.ids.length, 3);
      assert.equal(r.body.breaches, 3);
      const [a, b, c] = r.body.ids as number[];

      const ta = await getTicket(s, a!);
      assert.equal(ta.externalId, 'ZD-1');
      assert.equal(ta.createdAt, iso(D));
      assert.equal(ta.status, 'resolved');
      assert.deepEqual(
        ta.events.map((e: any) => ({
          seq: e.seq,
          type: e.type,
          at: e.at,
          recordedAt: e.recordedAt,
        })),
        [
          { seq: 1, type: 'acknowledged', at: iso(D + 10 * MIN), recordedAt: iso(T0) },
          { seq: 2, type: 'resolved', at: iso(D + 30 * HOUR), recordedAt: iso(T0) },
        ],
      );
      assert.equal(ta.events[1].note, 'fixed');
      assert.equal(clockOf(ta, 'C-01').state, 'met');
      assert.equal(clockOf(ta, 'C-01').stoppedAt, iso(D + 10 * MIN));
      const a03 = clockOf(ta, 'C-03');
      assert.equal(a03.state, 'breached');
      assert.equal(a03.breachedAt, iso(D + 24 * HOUR));
      assert.equal(a03.stoppedAt, iso(D + 30 * HOUR));
      assert.equal(ta.breached, true);

      const tb = await getTicket(s, b!);
      assert.equal(tb.status, 'new');
      assert.equal(clockOf(tb, 'C-01').breachedAt, iso(D + 15 * MIN));
      assert.equal(clockOf(tb, 'C-02').breachedAt, iso(D + 2 * HOUR));
      assert.equal(clockOf(tb, 'C-02').state, 'breached');

      const tc = await getTicket(s, c!);
      assert.equal(tc.status, 'waiting');
      assert.equal(tc.breached, false);
      assert.equal(clockOf(tc, 'C-01').state, 'met', 'answered at exactly 15 min');
      const c02 = clockOf(tc, 'C-02');
      assert.equal(c02.state, 'paused');
      assert.equal(c02.elapsedMs, 30 * MIN);

      // The imported breaches show in the queue straight away.
      const breached = await s.api('GET', '/api/v1/tickets?breached=true');
      assert.deepEqual(breached.body.tickets.map((t: any) => t.id).sort(), [a, b].sort());
      const queue = await s.api('GET', '/api/v1/tickets');
      assert.equal(queue.body.tickets.at(-1).id, c, 'the paused ticket has no deadline: last');
    });

    it('imported tickets go on living: events after the last one are accepted, earlier ones refused', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const r = await importTickets(s, [
        ticket({
          kind: 'problem',
          priority: 'general',
          events: [
            { type: 'acknowledged', at: iso(D + 5 * MIN) },
            { type: 'waiting_on_customer', at: iso(D + HOUR) },
          ],
        }),
      ]);
      expectStatus(r, 201);
      const tid = r.body.ids[0] as number;
      const before = await getTicket(s, tid);
      expectError(
        await s.api('POST', `/api/v1/tickets/${tid}/events`, {
          type: 'customer_replied',
          at: iso(D + 30 * MIN),
        }),
        409,
        'conflict',
        'waiting_on_customer',
      );
      assert.deepEqual(await getTicket(s, tid), before);
      // The customer replies now, after 47 h of waiting: C-03 resumes with 1 h used.
      const v = await record(s, tid, 'customer_replied');
      const c03 = clockOf(v, 'C-03');
      assert.equal(c03.state, 'running');
      assert.equal(c03.elapsedMs, HOUR);
      assert.equal(c03.dueAt, iso(T0 + 23 * HOUR));
    });

    it('imports a premium customer with its plan targets', async () => {
      const s = server();
      await addCustomer(s, 'vip', { plan: 'premium' });
      const r = await importTickets(s, [
        ticket({ customer: 'vip', events: [{ type: 'acknowledged', at: iso(D + 12 * MIN) }] }),
      ]);
      expectStatus(r, 201);
      assert.equal(r.body.breaches, 1);
      const t = await getTicket(s, r.body.ids[0]);
      const c01 = clockOf(t, 'C-01');
      assert.equal(c01.state, 'breached');
      assert.equal(c01.breachedAt, iso(D + 10 * MIN));
    });

    it('applies reclassifications in the imported history', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const r = await importTickets(s, [
        ticket({
          kind: 'inquiry',
          events: [
            { type: 'acknowledged', at: iso(D + 5 * MIN) },
            { type: 'classified', at: iso(D + HOUR), kind: 'problem', priority: 'urgent' },
            { type: 'solution_provided', at: iso(D + 3 * HOUR) },
          ],
        }),
      ]);
      expectStatus(r, 201);
      assert.equal(r.body.breaches, 1);
      const t = await getTicket(s, r.body.ids[0]);
      assert.equal(t.kind, 'problem');
      assert.equal(t.priority, 'urgent');
      const c02 = clockOf(t, 'C-02');
      assert.equal(c02.breachedAt, iso(D + 2 * HOUR));
      assert.equal(c02.stoppedAt, iso(D + 3 * HOUR));
    });
  });

  describe(`import: all or nothing [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db);

    it('refuses the whole batch when one ticket has events out of order, naming where', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const r = await importTickets(s, [
        ticket({ subject: 'good', events: [{ type: 'acknowledged', at: iso(D + MIN) }] }),
        ticket({
          subject: 'bad',
          events: [
            { type: 'acknowledged', at: iso(D + 2 * HOUR) },
            { type: 'resolved', at: iso(D + HOUR) },
          ],
        }),
      ]);
      const e = expectError(
        r,
        400,
        'invalid_input',
        'nothing was imported',
        '/tickets/1/events/1/at',
      );
      expectDetailAt(e, '/tickets/1/events/1/at');
      assert.equal(await total(s), 0);
    });

    it('refuses an event before the ticket was created', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const r = await importTickets(s, [
        ticket({ events: [{ type: 'acknowledged', at: iso(D - 1) }] }),
      ]);
      expectDetailAt(expectError(r, 400, 'invalid_input'), '/tickets/0/events/0/at');
      assert.equal(await total(s), 0);
    });

    it('refuses future times, listing every problem', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const r = await importTickets(s, [
        ticket({ createdAt: iso(T0 + 1) }),
        ticket({ events: [{ type: 'acknowledged', at: iso(T0 + MIN) }] }),
        ticket({ createdAt: 'last week' }),
      ]);
      const e = expectError(r, 400, 'invalid_input', '3 problems', 'future');
      expectDetailAt(e, '/tickets/0/createdAt');
      expectDetailAt(e, '/tickets/1/events/0/at');
      expectDetailAt(e, '/tickets/2/createdAt');
      assert.equal(await total(s), 0);
    });

    it('refuses impossible lifecycles and misplaced ratings', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const r = await importTickets(s, [
        ticket({
          events: [
            { type: 'closed', at: iso(D + MIN) },
            { type: 'reopened', at: iso(D + 2 * MIN) },
          ],
        }),
        ticket({
          events: [
            { type: 'resolved', at: iso(D + MIN) },
            { type: 'rated', at: iso(D + 2 * MIN) },
          ],
        }),
        ticket({ events: [{ type: 'acknowledged', at: iso(D + MIN), rating: 5 }] }),
        ticket({ events: [{ type: 'adopted', at: iso(D + MIN) }] }),
      ]);
      const e = expectError(r, 400, 'invalid_input', 'nothing was imported');
      expectDetailAt(e, '/tickets/0/events/1/type');
      expectDetailAt(e, '/tickets/1/events/1/rating');
      expectDetailAt(e, '/tickets/2/events/0/rating');
      expectDetailAt(e, '/tickets/3/events/0/type');
      assert.equal(await total(s), 0);
    });

    it('refuses kind or priority on an event other than "classified", as POST events does', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const r = await importTickets(s, [
        ticket({ events: [{ type: 'acknowledged', at: iso(D + MIN), priority: 'urgent' }] }),
      ]);
      const e = expectError(r, 400, 'invalid_input', 'priority');
      expectDetailAt(e, '/tickets/0/events/0/priority');
      assert.equal(await total(s), 0);
    });

    it('refuses schema errors, naming the field', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      expectDetailAt(
        expectError(
          await importTickets(s, [ticket({ colour: 'red' })]),
          400,
          'invalid_input',
          'colour',
        ),
        '/tickets/0/colour',
      );
      expectDetailAt(
        expectError(
          await importTickets(s, [ticket({ kind: 'question' })]),
          400,
          'invalid_input',
          'kind',
        ),
        '/tickets/0/kind',
      );
      const { createdAt: _, ...noCreatedAt } = ticket();
      expectDetailAt(
        expectError(await importTickets(s, [noCreatedAt]), 400, 'invalid_input', 'createdAt'),
        '/tickets/0/createdAt',
      );
      expectDetailAt(
        expectError(
          await importTickets(s, [ticket({ events: [{ type: 'acknowledged' }] })]),
          400,
          'invalid_input',
          'at',
        ),
        '/tickets/0/events/0/at',
      );
      expectError(await importTickets(s, []), 400, 'invalid_input', 'tickets');
      expectError(
        await s.api('POST', '/api/v1/tickets/import', { tickets: [ticket()], dryRun: true }),
        400,
        'invalid_input',
        'dryRun',
      );
      expectError(await s.api('POST', '/api/v1/tickets/import', [ticket()]), 400, 'invalid_input');
      assert.equal(await total(s), 0);
    });

    it('refuses an unknown customer with 422 and imports none of the batch', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const r = await importTickets(s, [ticket(), ticket({ customer: 'ghost' })]);
      expectError(r, 422, 'unknown_reference', 'ghost', 'nothing was imported');
      assert.equal(await total(s), 0);
    });

    it('refuses duplicate external ids, in the batch (400) or already stored (409)', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      await addCustomer(s, 'beta');
      const dup = await importTickets(s, [
        ticket({ externalId: 'X-1' }),
        ticket({ externalId: 'X-1' }),
      ]);
      expectDetailAt(expectError(dup, 400, 'invalid_input', 'X-1'), '/tickets/1/externalId');
      assert.equal(await total(s), 0);
      // The same external id for two customers is fine.
      expectStatus(
        await importTickets(s, [
          ticket({ externalId: 'X-1' }),
          ticket({ customer: 'beta', externalId: 'X-1' }),
        ]),
        201,
      );
      assert.equal(await total(s), 2);
      const again = await importTickets(s, [
        ticket({ externalId: 'X-2' }),
        ticket({ externalId: 'X-1' }),
      ]);
      expectError(again, 409, 'conflict', 'X-1', 'nothing was imported');
      assert.equal(await total(s), 2);
    });

    it('accepts an import larger than the 1 MiB limit of other endpoints', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const tickets = Array.from({ length: 30 }, (_, i) =>
        ticket({ subject: `t${i}`, body: 'x'.repeat(50_000) }),
      );
      const payload = JSON.stringify({ tickets });
      assert.ok(payload.length > 1024 * 1024);
      const r = await s.raw('POST', '/api/v1/tickets/import', payload, {
        'content-type': 'application/json',
      });
      expectStatus(r, 201);
      assert.equal(r.body.imported, 30);
      assert.equal(r.body.breaches, 30);
      assert.equal(await total(s), 30);
    });
  });
}
