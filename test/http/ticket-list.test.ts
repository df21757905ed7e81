// The ticket queue: breached first, then the nearest deadline; filters and paging.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testDatabases } from '../helpers/databases.js';
import type { TestServer } from '../helpers/server.js';
import {
  HOUR,
  MIN,
  T0,
  addCustomer,
  expectError,
  expectStatus,
  iso,
  openTicket,
  record,
  serverPerTest,
} from './support.js';

const dbs = await testDatabases();

interface Queue {
  a: number; // breached (late first response); next deadline C-03 at T0+24h
  b: number; // inquiry, due T0+35m
  c: number; // urgent problem, answered; C-02 due T0+2h20m
  d: number; // waiting on the customer: no running deadline
  e: number; // resolved: no running deadline
  f: number; // another customer's inquiry, due T0+40m
}

/** Builds the queue above; the clock ends at T0+25m. */
async function buildQueue(s: TestServer): Promise<Queue> {
  await addCustomer(s, 'acme');
  await addCustomer(s, 'beta');
  const a = await openTicket(s, { kind: 'problem', priority: 'general', subject: 'a' });
  s.time.set(T0 + 20 * MIN);
  const late = await record(s, a.id, 'acknowledged');
  assert.equal(late.breached, true);
  const b = await openTicket(s, { kind: 'inquiry', subject: 'b' });
  const c = await openTicket(s, { kind: 'problem', priority: 'urgent', subject: 'c' });
  await record(s, c.id, 'acknowledged');
  const d = await openTicket(s, { kind: 'problem', priority: 'general', subject: 'd' });
  await record(s, d.id, 'acknowledged');
  await record(s, d.id, 'waiting_on_customer');
  const e = await openTicket(s, { kind: 'inquiry', subject: 'e' });
  await record(s, e.id, 'resolved');
  s.time.set(T0 + 25 * MIN);
  const f = await openTicket(s, {
    customer: 'beta',
    kind: 'inquiry',
    subject: 'f',
    createdAt: iso(T0 + 25 * MIN),
  });
  return { a: a.id, b: b.id, c: c.id, d: d.id, e: e.id, f: f.id };
}

async function list(
  s: TestServer,
  query = '',
): Promise<{ total: number; ids: number[]; tickets: any[] }> {
  const r = await s.api('GET', `/api/v1/tickets${query ? `?${query}` : ''}`);
  expectStatus(r, 200);
  return {
    total: r.body.total,
    ids: r.body.tickets.map((t: any) => t.id),
    tickets: r.body.tickets,
  };
}

for (const db of dbs) {
  describe(`ticket list: queue order and filters [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db);

    it('puts breached tickets first, then the nearest deadline, then those without one', async () => {
      const s = server();
      const q = await buildQueue(s);
      const all = await list(s);
      assert.equal(all.total, 6);
      assert.deepEqual(all.ids, [q.a, q.b, q.f, q.c, q.d, q.e]);
      const queue = await list(s, 'order=queue');
      assert.deepEqual(queue.ids, all.ids);
      // Listed tickets carry their live clocks but not their events.
      const first = all.tickets[0];
      assert.equal(first.breached, true);
      assert.equal(first.events, undefined);
      assert.ok(Array.isArray(first.clocks));
    });

    it('orders by creation, newest first, with order=newest', async () => {
      const s = server();
      const q = await buildQueue(s);
      const newest = await list(s, 'order=newest');
      assert.deepEqual(newest.ids, [q.f, q.e, q.d, q.c, q.b, q.a]);
    });

    it('filters by status, customer, kind, priority and breached', async () => {
      const s = server();
      const q = await buildQueue(s);
      assert.deepEqual((await list(s, 'status=active')).ids, [q.a, q.b, q.f, q.c, q.d]);
      assert.deepEqual((await list(s, 'status=waiting')).ids, [q.d]);
      assert.deepEqual((await list(s, 'status=resolved')).ids, [q.e]);
      assert.deepEqual((await list(s, 'status=new')).ids, [q.b, q.f]);
      assert.deepEqual((await list(s, 'status=open')).ids, [q.a, q.c]);
      assert.deepEqual((await list(s, 'status=closed')).ids, []);
      const acme = await list(s, 'customer=acme');
      assert.equal(acme.total, 5);
      assert.deepEqual(acme.ids, [q.a, q.b, q.c, q.d, q.e]);
      assert.deepEqual((await list(s, 'customer=beta')).ids, [q.f]);
      assert.deepEqual((await list(s, 'kind=problem&priority=general')).ids, [q.a, q.d]);
      assert.deepEqual((await list(s, 'breached=true')).ids, [q.a]);
      assert.deepEqual((await list(s, 'breached=false&customer=acme')).ids, [q.b, q.c, q.d, q.e]);
    });

    it('pages with limit and offset, reporting the total', async () => {
      const s = server();
      const q = await buildQueue(s);
      const p1 = await list(s, 'limit=2');
      assert.equal(p1.total, 6);
      assert.deepEqual(p1.ids, [q.a, q.b]);
      const p2 = await list(s, 'limit=2&offset=2');
      assert.equal(p2.total, 6);
      assert.deepEqual(p2.ids, [q.f, q.c]);
      const p4 = await list(s, 'limit=2&offset=6');
      assert.deepEqual(p4.ids, []);
    });

    it('after a sweep, tickets breached by the passing of time come first and match breached=true', async () => {
      const s = server();
      const q = await buildQueue(s);
      // b's first response runs out at T0+35m, f's at T0+40m.
      s.time.set(T0 + 41 * MIN);
      await s.app.sweeper.runOnce();
      const queue = await list(s);
      assert.deepEqual(new Set(queue.ids.slice(0, 3)), new Set([q.a, q.b, q.f]));
      assert.deepEqual(queue.ids.slice(3), [q.c, q.d, q.e]);
      assert.deepEqual(new Set((await list(s, 'breached=true')).ids), new Set([q.a, q.b, q.f]));
      assert.deepEqual((await list(s, 'breached=false')).ids, [q.c, q.d, q.e]);
    });

    it('the breached filter agrees with the breached flag of the tickets it returns, sweep or not', async () => {
      const s = server();
      const q = await buildQueue(s);
      s.time.set(T0 + 41 * MIN); // b and f have run out; no sweep has run
      const all = await list(s);
      const liveBreached = all.tickets.filter((t) => t.breached).map((t) => t.id);
      assert.deepEqual(new Set(liveBreached), new Set([q.a, q.b, q.f]));
      const onlyBreached = await list(s, 'breached=true');
      assert.deepEqual(
        new Set(onlyBreached.ids),
        new Set([q.a, q.b, q.f]),
        'breached=true must list every ticket whose clock has run out',
      );
      const notBreached = await list(s, 'breached=false');
      assert.deepEqual(
        notBreached.tickets.filter((t) => t.breached).map((t) => t.id),
        [],
        'breached=false must not return tickets that show breached: true',
      );
    });

    it('answers an out-of-range page without a server error', async () => {
      const s = server();
      await buildQueue(s);
      for (const query of [
        'offset=99999999999999999999',
        'limit=99999999999999999999',
        'offset=9223372036854775808',
      ]) {
        const r = await s.api('GET', `/api/v1/tickets?${query}`);
        assert.notEqual(r.status, 500, `${query}: ${JSON.stringify(r.body)}`);
        if (r.status === 400) expectError(r, 400, 'invalid_input', query.split('=')[0]!);
        else {
          expectStatus(r, 200);
          assert.equal(r.body.total, 6);
          if (query.startsWith('offset')) assert.deepEqual(r.body.tickets, []);
        }
      }
    });

    it('refuses bad query parameters, naming them', async () => {
      const s = server();
      expectError(
        await s.api('GET', '/api/v1/tickets?status=later'),
        400,
        'invalid_input',
        'status',
        'later',
      );
      expectError(
        await s.api('GET', '/api/v1/tickets?order=oldest'),
        400,
        'invalid_input',
        'order',
      );
      expectError(await s.api('GET', '/api/v1/tickets?limit=-1'), 400, 'invalid_input', 'limit');
      expectError(
        await s.api('GET', '/api/v1/tickets?breached=yes'),
        400,
        'invalid_input',
        'breached',
      );
      expectError(await s.api('GET', '/api/v1/tickets?colour=red'), 400, 'invalid_input', 'colour');
    });

    it('a paused ticket has no deadline in the queue until the customer replies', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const x = await openTicket(s, { kind: 'problem', priority: 'general', subject: 'x' });
      await record(s, x.id, 'acknowledged');
      await record(s, x.id, 'waiting_on_customer');
      s.time.set(T0 + HOUR);
      const y = await openTicket(s, { kind: 'inquiry', subject: 'y' });
      assert.deepEqual((await list(s)).ids, [y.id, x.id]);
      await record(s, x.id, 'customer_replied');
      // x is due at T0+25h now, y at T0+1h15m.
      assert.deepEqual((await list(s)).ids, [y.id, x.id]);
      await record(s, y.id, 'acknowledged');
      assert.deepEqual((await list(s)).ids, [x.id, y.id]);
    });
  });
}
