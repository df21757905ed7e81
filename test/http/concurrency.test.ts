// Requests that race each other: the answer must be the one a lone request would get
// (201 for one, 409 for the others), never a 500, and the history must stay consistent.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verifyAudit } from '../../src/services/audit/verify.js';
import { testDatabases } from '../helpers/databases.js';
import type { TestServer } from '../helpers/server.js';
import {
  MIN,
  T0,
  addCustomer,
  expectStatus,
  getTicket,
  iso,
  openTicket,
  serverPerTest,
} from './support.js';

const dbs = await testDatabases();

const N = 16;

const statuses = (rs: Array<{ status: number }>) => rs.map((r) => r.status).sort((a, b) => a - b);

/** Opens the server's database connections first, so the racing requests really overlap. */
async function warmUp(s: TestServer): Promise<void> {
  const rs = await Promise.all(Array.from({ length: N }, () => s.api('GET', '/api/v1/customers')));
  for (const r of rs) expectStatus(r, 200);
}

for (const db of dbs) {
  describe(`concurrent requests [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db);

    it('tickets opened at once each get one audit entry, in one unbroken chain', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      await warmUp(s);
      const rs = await Promise.all(
        Array.from({ length: N }, (_, i) =>
          s.api('POST', '/api/v1/tickets', {
            customer: 'acme',
            kind: 'inquiry',
            priority: 'general',
            channel: 'web',
            subject: `at once ${i}`,
          }),
        ),
      );
      assert.deepEqual(statuses(rs), Array(N).fill(201));
      const entries = (await s.api('GET', '/api/v1/audit?object=ticket')).body.entries;
      assert.equal(entries.length, N);
      const all = (await s.api('GET', '/api/v1/audit?limit=1000')).body.entries;
      all.forEach((e: any, i: number) => {
        assert.equal(e.seq, i + 1, 'no gap, no repeat');
        if (i > 0) assert.equal(e.prev, all[i - 1].hash, `entry ${e.seq} links to the one before`);
      });
      const v = await verifyAudit({ store: s.app.core.store });
      assert.deepEqual(v.problems, []);
    });

    it('events posted at once to one ticket are all recorded, in one sequence', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const t = await openTicket(s, { kind: 'problem', priority: 'general' });
      s.time.set(T0 + 5 * MIN);
      await warmUp(s);
      const rs = await Promise.all(
        Array.from({ length: N }, (_, i) =>
          s.api('POST', `/api/v1/tickets/${t.id}/events`, { type: 'acknowledged', note: `n${i}` }),
        ),
      );
      assert.deepEqual(statuses(rs), Array(N).fill(201));
      const v = await getTicket(s, t.id);
      assert.deepEqual(
        v.events.map((e: any) => e.seq),
        Array.from({ length: N }, (_, i) => i + 1),
      );
      assert.deepEqual(
        v.events.map((e: any) => e.note).sort(),
        Array.from({ length: N }, (_, i) => `n${i}`).sort(),
      );
      for (const e of v.events) assert.equal(e.at, iso(T0 + 5 * MIN));
    });

    it('the same customer created at once: one 201, the rest 409 (never 500)', async () => {
      const s = server();
      await warmUp(s);
      const rs = await Promise.all(
        Array.from({ length: N }, (_, i) =>
          s.api('POST', '/api/v1/customers', { id: 'same', name: `S${i}`, monthlyFee: 1 }),
        ),
      );
      assert.deepEqual(
        statuses(rs),
        [201, ...Array(N - 1).fill(409)],
        JSON.stringify(rs.map((r) => [r.status, r.body?.error?.code])),
      );
      for (const r of rs.filter((x) => x.status === 409))
        assert.equal(r.body.error.code, 'conflict');
      const list = await s.api('GET', '/api/v1/customers');
      assert.equal(list.body.customers.length, 1);
    });

    it('the same external id opened at once: one 201, the rest 409 (never 500)', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      await warmUp(s);
      const rs = await Promise.all(
        Array.from({ length: N }, () =>
          s.api('POST', '/api/v1/tickets', {
            customer: 'acme',
            kind: 'inquiry',
            priority: 'general',
            channel: 'web',
            subject: 'dup',
            externalId: 'ZD-9',
          }),
        ),
      );
      assert.deepEqual(
        statuses(rs),
        [201, ...Array(N - 1).fill(409)],
        JSON.stringify(rs.map((r) => [r.status, r.body?.error?.code])),
      );
      const list = await s.api('GET', '/api/v1/tickets');
      expectStatus(list, 200);
      assert.equal(list.body.total, 1);
    });
  });
}
