// Who may do what: no token and bogus tokens get 401, roles get 403, and a customer token
// sees only its own customer (another customer's ticket is "not found").
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testDatabases } from '../helpers/databases.js';
import type { TestServer } from '../helpers/server.js';
import {
  HOUR,
  MIN,
  T0,
  T0_ISO,
  addCustomer,
  expectError,
  expectStatus,
  getTicket,
  issueToken,
  iso,
  openTicket,
  record,
  serverPerTest,
} from './support.js';

const dbs = await testDatabases();

const PROTECTED: Array<[string, string, unknown?]> = [
  ['GET', '/api/v1/tickets'],
  ['GET', '/api/v1/tickets/1'],
  [
    'POST',
    '/api/v1/tickets',
    { customer: 'acme', kind: 'inquiry', priority: 'general', channel: 'web', subject: 'x' },
  ],
  ['POST', '/api/v1/tickets/1/events', { type: 'acknowledged' }],
  ['POST', '/api/v1/tickets/import', { tickets: [] }],
  ['GET', '/api/v1/compliance?month=2026-10'],
  ['GET', '/api/v1/customers'],
  ['POST', '/api/v1/customers', { id: 'x', name: 'X', monthlyFee: 1 }],
  ['GET', '/api/v1/tokens'],
  ['POST', '/api/v1/tokens', { role: 'admin' }],
  ['DELETE', '/api/v1/tokens/tok_0'],
  ['GET', '/api/v1/whoami'],
  ['GET', '/api/v1/policy'],
];

/** acme and beta, each with one ticket; a customer token for acme. */
async function twoCustomers(s: TestServer) {
  await addCustomer(s, 'acme');
  await addCustomer(s, 'beta');
  const mine = await openTicket(s, {
    customer: 'acme',
    kind: 'problem',
    priority: 'general',
    subject: 'mine',
  });
  const theirs = await openTicket(s, {
    customer: 'beta',
    kind: 'problem',
    priority: 'general',
    subject: 'theirs',
  });
  const token = await issueToken(s, 'customer', 'acme');
  return {
    mine: mine.id as number,
    theirs: theirs.id as number,
    token: token.token,
    tokenId: token.id,
  };
}

for (const db of dbs) {
  describe(`auth: tokens required [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db);

    it('answers 401 without a token on every protected endpoint, and writes nothing', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      for (const [method, path, body] of PROTECTED) {
        const r = await s.api(method, path, body, null);
        expectError(r, 401, 'unauthorized', 'token');
        assert.equal(
          r.headers.get('www-authenticate'),
          'Bearer realm="surety"',
          `${method} ${path}`,
        );
      }
      const list = await s.api('GET', '/api/v1/tickets');
      assert.equal(list.body.total, 0);
      expectStatus(await s.api('GET', '/api/v1/customers/x'), 404);
    });

    it('answers 401 for a bogus token, a malformed header and another scheme', async () => {
      const s = server();
      for (const [method, path, body] of PROTECTED) {
        expectError(
          await s.api(method, path, body, 'sty_not-a-real-token'),
          401,
          'unauthorized',
          'not valid',
        );
      }
      const headers = [
        'Basic dXNlcjpwYXNz',
        'Bearer',
        'Bearer ',
        'test-admin-token-0123456789',
        'Bearer a b',
      ];
      for (const authorization of headers) {
        const r = await fetch(`${s.url}/api/v1/tickets`, { headers: { authorization } });
        assert.equal(r.status, 401, authorization);
        const body = (await r.json()) as any;
        assert.equal(body.error.code, 'unauthorized');
      }
    });

    it('serves health and the OpenAPI document without a token', async () => {
      const s = server();
      const health = await s.api('GET', '/api/v1/health', undefined, null);
      expectStatus(health, 200);
      assert.deepEqual(health.body, { status: 'ok' });
      expectStatus(await s.api('GET', '/api/v1/openapi.json', undefined, null), 200);
    });

    it('knows who is calling', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const admin = await s.api('GET', '/api/v1/whoami');
      expectStatus(admin, 200);
      assert.deepEqual(admin.body, { role: 'admin', customer: null, token: 'admin' });
      const agent = await issueToken(s, 'agent');
      const cust = await issueToken(s, 'customer', 'acme');
      assert.ok(agent.token.length >= 32 && cust.token !== agent.token);
      assert.deepEqual((await s.api('GET', '/api/v1/whoami', undefined, agent.token)).body, {
        role: 'agent',
        customer: null,
        token: agent.id,
      });
      assert.deepEqual((await s.api('GET', '/api/v1/whoami', undefined, cust.token)).body, {
        role: 'customer',
        customer: 'acme',
        token: cust.id,
      });
      // The scheme is case-insensitive.
      const r = await fetch(`${s.url}/api/v1/whoami`, {
        headers: { authorization: `bearer ${agent.token}` },
      });
      assert.equal(r.status, 200);
    });
  });

  describe(`auth: tokens [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db);

    it('issues tokens once, lists them without secrets, and revokes them (then 401)', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const created = await s.api('POST', '/api/v1/tokens', {
        role: 'customer',
        customer: 'acme',
        name: 'acme portal',
      });
      expectStatus(created, 201);
      assert.equal(created.body.role, 'customer');
      assert.equal(created.body.customer, 'acme');
      assert.equal(created.body.name, 'acme portal');
      assert.equal(created.body.createdAt, T0_ISO);
      assert.equal(created.body.revokedAt, null);
      assert.equal(typeof created.body.token, 'string');
      const agent = await issueToken(s, 'agent');
      expectStatus(await s.api('GET', '/api/v1/tickets', undefined, created.body.token), 200);

      const list = await s.api('GET', '/api/v1/tokens');
      expectStatus(list, 200);
      assert.deepEqual(
        list.body.tokens.map((t: any) => t.id).sort(),
        [created.body.id, agent.id].sort(),
      );
      for (const t of list.body.tokens) {
        assert.equal(t.token, undefined, 'the secret is shown only once');
        assert.equal(t.hash, undefined);
        assert.ok(!JSON.stringify(t).includes(created.body.token));
        assert.ok(!JSON.stringify(t).includes(agent.token));
      }

      s.time.set(T0 + HOUR);
      const revoked = await s.api('DELETE', `/api/v1/tokens/${created.body.id}`);
      expectStatus(revoked, 200);
      assert.deepEqual(revoked.body, { id: created.body.id, revoked: true });
      expectError(
        await s.api('GET', '/api/v1/tickets', undefined, created.body.token),
        401,
        'unauthorized',
      );
      expectError(
        await s.api('GET', '/api/v1/whoami', undefined, created.body.token),
        401,
        'unauthorized',
      );
      const after = await s.api('GET', '/api/v1/tokens');
      const entry = after.body.tokens.find((t: any) => t.id === created.body.id);
      assert.equal(entry.revokedAt, iso(T0 + HOUR));
      // The other token is untouched.
      expectStatus(await s.api('GET', '/api/v1/tickets', undefined, agent.token), 200);
      // Revoking twice, or a token that never existed, is "not found".
      expectError(
        await s.api('DELETE', `/api/v1/tokens/${created.body.id}`),
        404,
        'not_found',
        created.body.id,
      );
      expectError(await s.api('DELETE', '/api/v1/tokens/tok_doesnotexist'), 404, 'not_found');
    });

    it('an admin token issued over the API is an admin', async () => {
      const s = server();
      const admin = await issueToken(s, 'admin');
      const c = await s.api(
        'POST',
        '/api/v1/customers',
        { id: 'acme', name: 'Acme', monthlyFee: 1 },
        admin.token,
      );
      expectStatus(c, 201);
      const t = await s.api('POST', '/api/v1/tokens', { role: 'agent' }, admin.token);
      expectStatus(t, 201);
    });

    it('an agent works tickets but manages neither customers nor tokens', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const agent = (await issueToken(s, 'agent')).token;
      const t = await openTicket(s, {}, agent);
      s.time.set(T0 + 5 * MIN);
      const v = await record(s, t.id, 'acknowledged', {}, agent);
      assert.equal(v.status, 'open');
      expectStatus(await s.api('GET', '/api/v1/customers', undefined, agent), 200);
      expectStatus(await s.api('GET', '/api/v1/compliance?month=2026-10', undefined, agent), 200);
      const imported = await s.api(
        'POST',
        '/api/v1/tickets/import',
        {
          tickets: [
            {
              customer: 'acme',
              kind: 'inquiry',
              priority: 'general',
              channel: 'api',
              subject: 'old',
              createdAt: iso(T0 - HOUR),
            },
          ],
        },
        agent,
      );
      // History is dated in the past, so importing it is an admin's late entry to make.
      expectError(imported, 403, 'forbidden', 'an admin token');

      expectError(
        await s.api('POST', '/api/v1/customers', { id: 'x', name: 'X', monthlyFee: 1 }, agent),
        403,
        'forbidden',
        'admin',
      );
      expectError(
        await s.api('POST', '/api/v1/tokens', { role: 'admin' }, agent),
        403,
        'forbidden',
      );
      expectError(await s.api('GET', '/api/v1/tokens', undefined, agent), 403, 'forbidden');
      expectError(
        await s.api('DELETE', '/api/v1/tokens/whatever', undefined, agent),
        403,
        'forbidden',
      );
      const tokens = await s.api('GET', '/api/v1/tokens');
      assert.equal(tokens.body.tokens.length, 1, 'the agent made no token');
      expectStatus(await s.api('GET', '/api/v1/customers/x'), 404);
    });
  });

  describe(
    `auth: a customer token sees only its own customer [${db.name}]`,
    { skip: db.skip },
    () => {
      const server = serverPerTest(db);

      it('reads its own ticket, and gets 404 for another customer’s', async () => {
        const s = server();
        const { mine, theirs, token } = await twoCustomers(s);
        const own = await getTicket(s, mine, token);
        assert.equal(own.customer, 'acme');
        assert.equal(own.subject, 'mine');
        const other = await s.api('GET', `/api/v1/tickets/${theirs}`, undefined, token);
        const e = expectError(other, 404, 'not_found', String(theirs));
        assert.ok(!e.message.includes('beta'), 'the other customer is not named');
        // The same reply as for a ticket that does not exist at all.
        const missing = await s.api('GET', '/api/v1/tickets/999', undefined, token);
        expectError(missing, 404, 'not_found');
        // Its events cannot be touched either.
        expectError(
          await s.api(
            'POST',
            `/api/v1/tickets/${theirs}/events`,
            { type: 'customer_replied' },
            token,
          ),
          404,
          'not_found',
        );
        assert.deepEqual((await getTicket(s, theirs)).events, []);
      });

      it('lists only its own tickets and may not ask for another customer', async () => {
        const s = server();
        const { mine, token } = await twoCustomers(s);
        const r = await s.api('GET', '/api/v1/tickets', undefined, token);
        expectStatus(r, 200);
        assert.equal(r.body.total, 1);
        assert.deepEqual(
          r.body.tickets.map((t: any) => t.id),
          [mine],
        );
        const own = await s.api('GET', '/api/v1/tickets?customer=acme', undefined, token);
        assert.deepEqual(
          own.body.tickets.map((t: any) => t.id),
          [mine],
        );
        expectError(
          await s.api('GET', '/api/v1/tickets?customer=beta', undefined, token),
          403,
          'forbidden',
          'customer',
        );
      });

      it('opens tickets for itself only', async () => {
        const s = server();
        const { token } = await twoCustomers(s);
        const t = await s.api(
          'POST',
          '/api/v1/tickets',
          { kind: 'complaint', priority: 'general', channel: 'web', subject: 'slow' },
          token,
        );
        expectStatus(t, 201);
        assert.equal(t.body.customer, 'acme');
        const explicit = await s.api(
          'POST',
          '/api/v1/tickets',
          { customer: 'acme', kind: 'inquiry', priority: 'general', channel: 'web', subject: 'q' },
          token,
        );
        expectStatus(explicit, 201);
        expectError(
          await s.api(
            'POST',
            '/api/v1/tickets',
            {
              customer: 'beta',
              kind: 'inquiry',
              priority: 'general',
              channel: 'web',
              subject: 'x',
            },
            token,
          ),
          403,
          'forbidden',
          'customer',
        );
        const beta = await s.api('GET', '/api/v1/tickets?customer=beta');
        assert.equal(beta.body.total, 1);
      });

      it('records only customer_replied and rated on its own tickets', async () => {
        const s = server();
        const { mine, token } = await twoCustomers(s);
        s.time.set(T0 + 10 * MIN);
        await record(s, mine, 'waiting_on_customer');
        const before = await getTicket(s, mine);
        for (const type of [
          'acknowledged',
          'resolved',
          'closed',
          'classified',
          'waiting_on_customer',
        ]) {
          expectError(
            await s.api('POST', `/api/v1/tickets/${mine}/events`, { type }, token),
            403,
            'forbidden',
            type,
          );
        }
        assert.deepEqual(await getTicket(s, mine), before);
        s.time.set(T0 + 20 * MIN);
        const replied = await record(s, mine, 'customer_replied', {}, token);
        assert.equal(replied.events.at(-1).actor, 'customer:acme');
        assert.equal(replied.status, 'new');
        await record(s, mine, 'resolved');
        const rated = await record(s, mine, 'rated', { rating: 4 }, token);
        assert.equal(rated.rating, 4);
      });

      it('sees compliance for itself only', async () => {
        const s = server();
        const { token } = await twoCustomers(s);
        s.time.set(T0 + HOUR); // both C-01 clocks ran out at T0+15m
        const own = await s.api('GET', '/api/v1/compliance?month=2026-10', undefined, token);
        expectStatus(own, 200);
        assert.equal(own.body.customer, 'acme');
        const c01 = own.body.commitments.find((c: any) => c.commitment === 'C-01');
        assert.equal(c01.sample, 1);
        assert.equal(c01.breaches, 1);
        assert.deepEqual(
          c01.evidence.map((e: any) => e.customer),
          ['acme'],
        );
        const explicit = await s.api(
          'GET',
          '/api/v1/compliance?month=2026-10&customer=acme',
          undefined,
          token,
        );
        expectStatus(explicit, 200);
        assert.equal(explicit.body.customer, 'acme');
        expectError(
          await s.api('GET', '/api/v1/compliance?month=2026-10&customer=beta', undefined, token),
          403,
          'forbidden',
          'customer',
        );
        // The admin sees both.
        const all = await s.api('GET', '/api/v1/compliance?month=2026-10');
        assert.equal(all.body.customer, null);
        assert.equal(all.body.commitments.find((c: any) => c.commitment === 'C-01').sample, 2);
      });

      it('may not manage tokens, customers or imports (403)', async () => {
        const s = server();
        const { token } = await twoCustomers(s);
        expectError(
          await s.api('POST', '/api/v1/tokens', { role: 'customer', customer: 'acme' }, token),
          403,
          'forbidden',
          'admin',
        );
        expectError(
          await s.api('POST', '/api/v1/tokens', { role: 'admin' }, token),
          403,
          'forbidden',
        );
        expectError(await s.api('GET', '/api/v1/tokens', undefined, token), 403, 'forbidden');
        expectError(
          await s.api('DELETE', '/api/v1/tokens/anything', undefined, token),
          403,
          'forbidden',
        );
        expectError(
          await s.api('POST', '/api/v1/customers', { id: 'x', name: 'X', monthlyFee: 1 }, token),
          403,
          'forbidden',
        );
        expectError(await s.api('GET', '/api/v1/customers', undefined, token), 403, 'forbidden');
        expectError(
          await s.api(
            'POST',
            '/api/v1/tickets/import',
            {
              tickets: [
                {
                  customer: 'acme',
                  kind: 'inquiry',
                  priority: 'general',
                  channel: 'api',
                  subject: 'x',
                  createdAt: iso(T0 - HOUR),
                },
              ],
            },
            token,
          ),
          403,
          'forbidden',
        );
        const own = await s.api('GET', '/api/v1/customers/acme', undefined, token);
        expectStatus(own, 200);
        assert.equal(own.body.id, 'acme');
        expectError(
          await s.api('GET', '/api/v1/customers/beta', undefined, token),
          404,
          'not_found',
        );
        const tokens = await s.api('GET', '/api/v1/tokens');
        assert.equal(tokens.body.tokens.length, 1);
        const list = await s.api('GET', '/api/v1/tickets');
        assert.equal(list.body.total, 2);
      });

      it('stops working once revoked', async () => {
        const s = server();
        const { mine, token, tokenId } = await twoCustomers(s);
        await getTicket(s, mine, token);
        expectStatus(await s.api('DELETE', `/api/v1/tokens/${tokenId}`), 200);
        expectError(
          await s.api('GET', `/api/v1/tickets/${mine}`, undefined, token),
          401,
          'unauthorized',
          'revoked',
        );
        expectError(
          await s.api(
            'POST',
            `/api/v1/tickets/${mine}/events`,
            { type: 'customer_replied' },
            token,
          ),
          401,
          'unauthorized',
        );
      });
    },
  );
}
