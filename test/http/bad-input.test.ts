// Every way a request can be wrong, and the reply that says so: the status, the code, and
// a message that names the field. Nothing is written by a refused request.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testDatabases } from '../helpers/databases.js';
import type { TestServer } from '../helpers/server.js';
import {
  MIN,
  T0,
  addCustomer,
  expectDetailAt,
  expectError,
  expectStatus,
  getTicket,
  iso,
  openTicket,
  serverPerTest,
} from './support.js';

const dbs = await testDatabases();

const TICKET = {
  customer: 'acme',
  kind: 'inquiry',
  priority: 'general',
  channel: 'web',
  subject: 'help',
};
const JSON_TYPE = { 'content-type': 'application/json' };

async function ticketCount(s: TestServer): Promise<number> {
  const r = await s.api('GET', '/api/v1/tickets');
  expectStatus(r, 200);
  return r.body.total;
}

for (const db of dbs) {
  describe(`bad input: malformed bodies [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db);

    it('refuses malformed JSON with 400', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const r = await s.raw('POST', '/api/v1/tickets', '{"customer": "acme", "kind": ', JSON_TYPE);
      expectError(r, 400, 'invalid_input', 'not valid JSON');
      const trailing = await s.raw(
        'POST',
        '/api/v1/tickets',
        `${JSON.stringify(TICKET)},`,
        JSON_TYPE,
      );
      expectError(trailing, 400, 'invalid_input', 'not valid JSON');
      assert.equal(await ticketCount(s), 0);
    });

    it('refuses an empty body, a list and a bare value where an object is expected', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      expectError(
        await s.raw('POST', '/api/v1/tickets', '', JSON_TYPE),
        400,
        'invalid_input',
        'empty',
      );
      expectError(
        await s.raw('POST', '/api/v1/tickets', '   ', JSON_TYPE),
        400,
        'invalid_input',
        'empty',
      );
      expectError(
        await s.raw('POST', '/api/v1/tickets', '[]', JSON_TYPE),
        400,
        'invalid_input',
        'must be an object',
      );
      expectError(
        await s.raw('POST', '/api/v1/tickets', '42', JSON_TYPE),
        400,
        'invalid_input',
        'must be an object',
      );
      expectError(await s.raw('POST', '/api/v1/tickets', 'null', JSON_TYPE), 400, 'invalid_input');
      expectError(
        await s.raw('POST', '/api/v1/tickets', JSON.stringify(TICKET), {
          'content-type': 'text/plain',
        }),
        400,
        'invalid_input',
      );
      assert.equal(await ticketCount(s), 0);
    });

    it('wants JSON: refuses other or missing content types, accepts a charset parameter', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const body = JSON.stringify(TICKET);
      expectError(
        await s.raw('POST', '/api/v1/tickets', Buffer.from(body), {}),
        400,
        'invalid_input',
        'Content-Type',
        'no content type',
      );
      expectError(
        await s.raw('POST', '/api/v1/tickets', body, { 'content-type': 'application/xml' }),
        400,
        'invalid_input',
        'Content-Type',
        'application/xml',
      );
      assert.equal(await ticketCount(s), 0);
      expectStatus(
        await s.raw('POST', '/api/v1/tickets', body, {
          'content-type': 'application/json; charset=utf-8',
        }),
        201,
      );
      assert.equal(await ticketCount(s), 1);
    });

    it('refuses a body over 1 MiB with 413 and writes nothing', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const big = { ...TICKET, body: 'x'.repeat(1024 * 1024) };
      const r = await s.api('POST', '/api/v1/tickets', big);
      expectError(r, 413, 'too_large');
      const customer = await s.api('POST', '/api/v1/customers', {
        id: 'big',
        name: 'y'.repeat(1024 * 1024 + 1),
        monthlyFee: 1,
      });
      expectError(customer, 413, 'too_large');
      expectStatus(await s.api('GET', '/api/v1/customers/big'), 404);
      const t = await openTicket(s);
      const event = await s.api('POST', `/api/v1/tickets/${t.id}/events`, {
        type: 'acknowledged',
        note: 'z'.repeat(2 * 1024 * 1024),
      });
      expectError(event, 413, 'too_large');
      assert.deepEqual((await getTicket(s, t.id)).events, []);
      assert.equal(await ticketCount(s), 1);
    });

    it('accepts a body just under the limit (and judges its fields by the schema)', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      // 100 000 characters is the longest body a ticket may have.
      const ok = await s.api('POST', '/api/v1/tickets', { ...TICKET, body: 'x'.repeat(100_000) });
      expectStatus(ok, 201);
      const tooLong = await s.api('POST', '/api/v1/tickets', {
        ...TICKET,
        body: 'x'.repeat(100_001),
      });
      const e = expectError(tooLong, 400, 'invalid_input', 'body');
      expectDetailAt(e, '/body');
      assert.equal(await ticketCount(s), 1);
    });
  });

  describe(`bad input: tickets [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db);

    it('refuses unknown fields, naming them', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const e = expectError(
        await s.api('POST', '/api/v1/tickets', { ...TICKET, colour: 'red' }),
        400,
        'invalid_input',
        'colour',
      );
      expectDetailAt(e, '/colour');
      assert.equal(await ticketCount(s), 0);
    });

    it('refuses missing required fields, naming each', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const e = expectError(
        await s.api('POST', '/api/v1/tickets', { customer: 'acme', kind: 'inquiry' }),
        400,
        'invalid_input',
        'priority',
        'channel',
        'subject',
      );
      expectDetailAt(e, '/priority');
      expectDetailAt(e, '/channel');
      expectDetailAt(e, '/subject');
      const { customer: _, ...noCustomer } = TICKET;
      const c = expectError(
        await s.api('POST', '/api/v1/tickets', noCustomer),
        400,
        'invalid_input',
        'customer',
      );
      expectDetailAt(c, '/customer');
      assert.equal(await ticketCount(s), 0);
    });

    it('refuses wrong types and values outside the lists, naming the field', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ subject: 42 }, 'subject'],
        [{ subject: '' }, 'subject'],
        [{ subject: 's'.repeat(501) }, 'subject'],
        [{ kind: 'question' }, 'kind'],
        [{ priority: 'high' }, 'priority'],
        [{ channel: 'pigeon' }, 'channel'],
        [{ customer: 7 }, 'customer'],
        [{ createdAt: 1_700_000_000_000 }, 'createdAt'],
        [{ externalId: '' }, 'externalId'],
        [{ body: ['a'] }, 'body'],
      ];
      for (const [patch, field] of cases) {
        const e = expectError(
          await s.api('POST', '/api/v1/tickets', { ...TICKET, ...patch }),
          400,
          'invalid_input',
          field,
        );
        expectDetailAt(e, `/${field}`);
      }
      assert.equal(await ticketCount(s), 0);
    });

    it('refuses a createdAt in the future or without a time zone', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const future = expectError(
        await s.api('POST', '/api/v1/tickets', { ...TICKET, createdAt: iso(T0 + 1) }),
        400,
        'invalid_input',
        'createdAt',
        'future',
      );
      expectDetailAt(future, '/createdAt');
      for (const bad of [
        '2026-10-05 08:00:00',
        '2026-10-05T08:00:00',
        '2026-10-05',
        'yesterday',
        '2026-13-01T08:00:00Z',
      ]) {
        const e = expectError(
          await s.api('POST', '/api/v1/tickets', { ...TICKET, createdAt: bad }),
          400,
          'invalid_input',
          'createdAt',
        );
        expectDetailAt(e, '/createdAt');
      }
      assert.equal(await ticketCount(s), 0);
    });

    it('refuses impossible calendar dates rather than rolling them over', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      // 2026 is not a leap year; 30 February does not exist in any year.
      for (const bad of ['2026-02-30T08:00:00Z', '2026-02-29T08:00:00Z', '2026-04-31T08:00:00Z']) {
        const r = await s.api('POST', '/api/v1/tickets', { ...TICKET, createdAt: bad });
        const e = expectError(r, 400, 'invalid_input', 'createdAt');
        expectDetailAt(e, '/createdAt');
      }
      assert.equal(await ticketCount(s), 0);
    });

    it('refuses an unknown customer with 422', async () => {
      const s = server();
      const e = expectError(
        await s.api('POST', '/api/v1/tickets', { ...TICKET, customer: 'ghost' }),
        422,
        'unknown_reference',
        'customer',
        'ghost',
      );
      expectDetailAt(e, '/customer');
      assert.equal(await ticketCount(s), 0);
    });

    it('refuses a duplicate external id for the same customer with 409', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      await addCustomer(s, 'beta');
      const first = await openTicket(s, { externalId: 'ZD-1' });
      const dup = await s.api('POST', '/api/v1/tickets', { ...TICKET, externalId: 'ZD-1' });
      expectError(dup, 409, 'conflict', 'externalId', 'ZD-1', String(first.id));
      // Another customer may use the same external id.
      await openTicket(s, { customer: 'beta', externalId: 'ZD-1' });
      assert.equal(await ticketCount(s), 2);
    });

    it('refuses a ticket id that is not a number', async () => {
      const s = server();
      const e = expectError(await s.api('GET', '/api/v1/tickets/abc'), 400, 'invalid_input', 'id');
      expectDetailAt(e, '/id');
      expectError(
        await s.api('POST', '/api/v1/tickets/1x/events', { type: 'acknowledged' }),
        400,
        'invalid_input',
        'id',
      );
    });
  });

  describe(`bad input: events [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db);

    async function withTicket(s: TestServer): Promise<number> {
      await addCustomer(s, 'acme');
      const t = await openTicket(s);
      s.time.set(T0 + 10 * MIN);
      return t.id;
    }

    it('refuses unknown types, unknown fields and wrong types, naming the field; writes nothing', async () => {
      const s = server();
      const id = await withTicket(s);
      const before = await getTicket(s, id);
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ type: 'escalated' }, 'type'],
        [{}, 'type'],
        [{ type: 'acknowledged', by: 'me' }, 'by'],
        [{ type: 'acknowledged', at: 5 }, 'at'],
        [{ type: 'rated', rating: '5' }, 'rating'],
        [{ type: 'rated', rating: 4.5 }, 'rating'],
        [{ type: 'rated', rating: 0 }, 'rating'],
        [{ type: 'rated', rating: 6 }, 'rating'],
        [{ type: 'classified', kind: 'question' }, 'kind'],
        [{ type: 'classified', priority: 'low' }, 'priority'],
        [{ type: 'acknowledged', note: 'n'.repeat(10_001) }, 'note'],
      ];
      for (const [body, field] of cases) {
        const e = expectError(
          await s.api('POST', `/api/v1/tickets/${id}/events`, body),
          400,
          'invalid_input',
          field,
        );
        expectDetailAt(e, `/${field}`);
      }
      assert.deepEqual(await getTicket(s, id), before);
    });

    it('refuses fields that belong to another event type', async () => {
      const s = server();
      const id = await withTicket(s);
      const before = await getTicket(s, id);
      expectDetailAt(
        expectError(
          await s.api('POST', `/api/v1/tickets/${id}/events`, { type: 'acknowledged', rating: 5 }),
          400,
          'invalid_input',
          'rating',
        ),
        '/rating',
      );
      expectDetailAt(
        expectError(
          await s.api('POST', `/api/v1/tickets/${id}/events`, { type: 'rated' }),
          400,
          'invalid_input',
          'rating',
        ),
        '/rating',
      );
      expectDetailAt(
        expectError(
          await s.api('POST', `/api/v1/tickets/${id}/events`, {
            type: 'acknowledged',
            kind: 'problem',
          }),
          400,
          'invalid_input',
          'kind',
        ),
        '/kind',
      );
      expectDetailAt(
        expectError(
          await s.api('POST', `/api/v1/tickets/${id}/events`, {
            type: 'resolved',
            priority: 'urgent',
          }),
          400,
          'invalid_input',
          'priority',
        ),
        '/priority',
      );
      assert.deepEqual(await getTicket(s, id), before);
    });

    it('refuses an event in the future or with a malformed time', async () => {
      const s = server();
      const id = await withTicket(s);
      const before = await getTicket(s, id);
      const future = expectError(
        await s.api('POST', `/api/v1/tickets/${id}/events`, {
          type: 'acknowledged',
          at: iso(T0 + 10 * MIN + 1),
        }),
        400,
        'invalid_input',
        'at',
        'future',
      );
      expectDetailAt(future, '/at');
      for (const bad of ['soon', '2026-10-05T08:05:00', '2026-10-05']) {
        expectDetailAt(
          expectError(
            await s.api('POST', `/api/v1/tickets/${id}/events`, { type: 'acknowledged', at: bad }),
            400,
            'invalid_input',
            'at',
          ),
          '/at',
        );
      }
      assert.deepEqual(await getTicket(s, id), before);
      // At exactly now it is accepted.
      expectStatus(
        await s.api('POST', `/api/v1/tickets/${id}/events`, {
          type: 'acknowledged',
          at: iso(T0 + 10 * MIN),
        }),
        201,
      );
    });
  });

  describe(`bad input: customers, tokens, compliance [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db);

    it('refuses bad customers, naming the field', async () => {
      const s = server();
      const base = { id: 'acme', name: 'Acme', monthlyFee: 1000 };
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ id: 'has space' }, 'id'],
        [{ id: '' }, 'id'],
        [{ name: '' }, 'name'],
        [{ monthlyFee: '1000' }, 'monthlyFee'],
        [{ monthlyFee: -1 }, 'monthlyFee'],
        [{ currency: 'cny' }, 'currency'],
        [{ plan: 3 }, 'plan'],
        [{ overrides: { 'C-01': true } }, 'overrides'],
        [{ vip: true }, 'vip'],
      ];
      for (const [patch, field] of cases) {
        expectError(
          await s.api('POST', '/api/v1/customers', { ...base, ...patch }),
          400,
          'invalid_input',
          field,
        );
      }
      expectError(
        await s.api('POST', '/api/v1/customers', { ...base, monthlyFee: 10.005 }),
        400,
        'invalid_input',
        'monthlyFee',
      );
      const { monthlyFee: _, ...noFee } = base;
      expectError(
        await s.api('POST', '/api/v1/customers', noFee),
        400,
        'invalid_input',
        'monthlyFee',
      );
      const list = await s.api('GET', '/api/v1/customers');
      expectStatus(list, 200);
      assert.deepEqual(list.body.customers, []);
    });

    it('refuses a currency that is not an ISO 4217 code', async () => {
      const s = server();
      // Well-formed (three capitals) but no such currency.
      expectError(
        await s.api('POST', '/api/v1/customers', {
          id: 'acme',
          name: 'Acme',
          monthlyFee: 1000,
          currency: 'XYZ',
        }),
        400,
        'invalid_input',
        'currency',
        'XYZ',
      );
      expectStatus(await s.api('GET', '/api/v1/customers/acme'), 404);
      // A real one is accepted, with its own minor units.
      const ok = await addCustomer(s, 'eu', { currency: 'EUR', monthlyFee: 99.5 });
      assert.equal(ok.currency, 'EUR');
      assert.equal(ok.monthlyFee, 99.5);
    });

    it('refuses a duplicate customer id with 409, keeping the first', async () => {
      const s = server();
      await addCustomer(s, 'acme', { name: 'First' });
      expectError(
        await s.api('POST', '/api/v1/customers', { id: 'acme', name: 'Second', monthlyFee: 5 }),
        409,
        'conflict',
        'acme',
      );
      const got = await s.api('GET', '/api/v1/customers/acme');
      expectStatus(got, 200);
      assert.equal(got.body.name, 'First');
      assert.equal(got.body.monthlyFee, 1000);
    });

    it('refuses bad token requests', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      expectError(
        await s.api('POST', '/api/v1/tokens', { role: 'root' }),
        400,
        'invalid_input',
        'role',
      );
      expectError(
        await s.api('POST', '/api/v1/tokens', { role: 'customer' }),
        400,
        'invalid_input',
        'customer',
      );
      expectError(
        await s.api('POST', '/api/v1/tokens', { role: 'agent', customer: 'acme' }),
        400,
        'invalid_input',
        'customer',
      );
      expectError(
        await s.api('POST', '/api/v1/tokens', { role: 'customer', customer: 'ghost' }),
        422,
        'unknown_reference',
        'customer',
        'ghost',
      );
      expectError(
        await s.api('POST', '/api/v1/tokens', { role: 'agent', scope: 'all' }),
        400,
        'invalid_input',
        'scope',
      );
      const list = await s.api('GET', '/api/v1/tokens');
      expectStatus(list, 200);
      assert.deepEqual(list.body.tokens, []);
    });

    it('refuses bad compliance queries', async () => {
      const s = server();
      expectError(await s.api('GET', '/api/v1/compliance'), 400, 'invalid_input', 'month');
      expectError(
        await s.api('GET', '/api/v1/compliance?month=2026-13'),
        400,
        'invalid_input',
        'month',
        '2026-13',
      );
      expectError(
        await s.api('GET', '/api/v1/compliance?month=October'),
        400,
        'invalid_input',
        'month',
      );
      expectError(
        await s.api('GET', '/api/v1/compliance?month=2026-10&from=2026-10-01&to=2026-10-31'),
        400,
        'invalid_input',
        'month',
      );
      expectError(
        await s.api('GET', '/api/v1/compliance?from=2026-10-10&to=2026-10-01'),
        400,
        'invalid_input',
        'to',
      );
      expectError(
        await s.api('GET', '/api/v1/compliance?from=someday&to=2026-10-01'),
        400,
        'invalid_input',
        'from',
        'someday',
      );
      expectError(
        await s.api('GET', '/api/v1/compliance?month=2026-10&region=eu'),
        400,
        'invalid_input',
        'region',
      );
      expectError(
        await s.api('GET', '/api/v1/compliance?month=2026-10&customer=ghost'),
        422,
        'unknown_reference',
        'customer',
        'ghost',
      );
    });

    it('answers 404 with the error shape for unknown endpoints', async () => {
      const s = server();
      expectError(
        await s.api('GET', '/api/v1/nothing-here'),
        404,
        'not_found',
        '/api/v1/nothing-here',
      );
      expectError(await s.api('DELETE', '/api/v1/tickets'), 404, 'not_found');
    });
  });
}
