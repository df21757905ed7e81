// Who and when on every ticket write: the authenticated token (never a typed label) and the
// server's time, shown on the ticket and each event; customers cannot date what they record.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testDatabases } from '../helpers/databases.js';
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
  issueToken,
  openTicket,
  record,
  serverPerTest,
} from './support.js';

const dbs = await testDatabases();

for (const db of dbs) {
  describe(`who recorded a ticket write, and when [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db);

    it('the ticket and each event carry the token that wrote them and the server time', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const named = await s.api('POST', '/api/v1/tokens', { role: 'agent', name: 'desk Li' });
      expectStatus(named, 201);
      const agent = named.body as { id: string; token: string };
      const t = await openTicket(s, {}, agent.token);
      assert.deepEqual(t.recordedBy, { id: agent.id, name: 'desk Li' });
      assert.equal(t.recordedAt, iso(T0));

      s.time.set(T0 + 7 * MIN);
      // A typed label stays a label: the actor recorded is the token.
      await record(s, t.id, 'acknowledged', { actor: 'CEO Wang' }, agent.token);
      const customer = await issueToken(s, 'customer', 'acme');
      s.time.set(T0 + 9 * MIN);
      await record(s, t.id, 'customer_replied', {}, customer.token);

      const v = await getTicket(s, t.id);
      assert.deepEqual(
        v.events.map((e: any) => [e.type, e.recordedAt, e.recordedBy?.id, e.actor ?? null]),
        [
          ['acknowledged', iso(T0 + 7 * MIN), agent.id, 'CEO Wang'],
          ['customer_replied', iso(T0 + 9 * MIN), customer.id, 'customer:acme'],
        ],
      );
      assert.deepEqual(v.recordedBy, { id: agent.id, name: 'desk Li' });
    });

    it('history imported by an admin keeps when it happened and when and by whom it was recorded', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const r = await s.api('POST', '/api/v1/tickets/import', {
        tickets: [
          {
            customer: 'acme',
            kind: 'inquiry',
            priority: 'general',
            channel: 'email',
            subject: 'old',
            createdAt: iso(T0 - DAY),
            events: [{ type: 'acknowledged', at: iso(T0 - DAY + 5 * MIN) }],
          },
        ],
      });
      expectStatus(r, 201);
      const id = (r.body as { ids: number[] }).ids[0]!;
      const v = await getTicket(s, id);
      assert.equal(v.createdAt, iso(T0 - DAY));
      assert.equal(v.recordedAt, iso(T0));
      assert.equal(v.recordedBy.id, 'admin');
      assert.equal(v.events[0].at, iso(T0 - DAY + 5 * MIN));
      assert.equal(v.events[0].recordedAt, iso(T0));
      assert.equal(v.events[0].recordedBy.id, 'admin');
    });

    it('a customer token cannot date a ticket or an event, and nothing is stored when it tries', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const customer = await issueToken(s, 'customer', 'acme');
      const backdated = await s.api(
        'POST',
        '/api/v1/tickets',
        {
          customer: 'acme',
          kind: 'problem',
          priority: 'urgent',
          channel: 'web',
          subject: 'created two days ago, already breached',
          createdAt: iso(T0 - 2 * DAY),
        },
        customer.token,
      );
      expectDetailAt(expectError(backdated, 400, 'invalid_input', 'createdAt'), '/createdAt');
      const list = await s.api('GET', '/api/v1/tickets');
      expectStatus(list, 200);
      assert.equal((list.body as { total: number }).total, 0, 'the refused ticket was not stored');

      const t = await openTicket(s, {}, customer.token);
      assert.equal(t.createdAt, iso(T0), 'without createdAt the ticket starts when received');
      const dated = await s.api(
        'POST',
        `/api/v1/tickets/${t.id}/events`,
        { type: 'customer_replied', at: iso(T0) },
        customer.token,
      );
      expectDetailAt(expectError(dated, 400, 'invalid_input', 'at'), '/at');
      assert.equal((await getTicket(s, t.id)).events.length, 0);
    });
  });
}

for (const db of dbs) {
  describe(`late entries [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db);

    it("an agent's late acknowledgement is refused and the breach stands; an admin's that would withdraw it is refused too", async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const t = await openTicket(s);
      const agent = await issueToken(s, 'agent');
      s.time.set(T0 + 2 * HOUR);
      assert.equal(clockOf(await getTicket(s, t.id), 'C-01').state, 'breached');

      const late = { type: 'acknowledged', at: iso(T0 + 10 * MIN) };
      const byAgent = await s.api('POST', `/api/v1/tickets/${t.id}/events`, late, agent.token);
      const refused = expectError(byAgent, 422, 'late_entry', '5m', '/correct');
      expectDetailAt(refused, '/at');
      const byAdmin = await s.api('POST', `/api/v1/tickets/${t.id}/events`, late);
      expectError(byAdmin, 409, 'conflict', 'C-01', 'correction');

      const v = await getTicket(s, t.id);
      assert.equal(v.events.length, 0, 'neither attempt was stored');
      assert.equal(clockOf(v, 'C-01').state, 'breached');
      assert.equal(clockOf(v, 'C-01').breachedAt, iso(T0 + 15 * MIN));
    });

    it('an admin may record a late entry that withdraws nothing: it is kept with both times and marked late', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const t = await openTicket(s, { kind: 'problem', priority: 'general' });
      s.time.set(T0 + 2 * HOUR);
      const v = await record(s, t.id, 'acknowledged', { at: iso(T0 + HOUR) });
      const e = v.events[0];
      assert.equal(e.late, true);
      assert.equal(e.at, iso(T0 + HOUR));
      assert.equal(e.recordedAt, iso(T0 + 2 * HOUR));
      assert.equal(clockOf(v, 'C-01').state, 'breached', 'answered after its deadline');
    });

    it('an agent cannot open a ticket dated far back or import history; an admin can', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const agent = await issueToken(s, 'agent');
      const old = {
        customer: 'acme',
        kind: 'problem',
        priority: 'urgent',
        channel: 'web',
        subject: 'two days old',
        createdAt: iso(T0 - 2 * DAY),
      };
      const byAgent = await s.api('POST', '/api/v1/tickets', old, agent.token);
      expectDetailAt(expectError(byAgent, 422, 'late_entry', '5m', 'import'), '/createdAt');
      const imported = await s.api(
        'POST',
        '/api/v1/tickets/import',
        { tickets: [old] },
        agent.token,
      );
      expectError(imported, 403, 'forbidden');
      const list = await s.api('GET', '/api/v1/tickets');
      assert.equal((list.body as { total: number }).total, 0, 'nothing was stored');
      const byAdmin = await openTicket(s, { ...old });
      assert.equal(byAdmin.createdAt, iso(T0 - 2 * DAY));
      assert.equal(byAdmin.recordedAt, iso(T0));
    });

    it('an event dated within the tolerance is on time, from an agent too', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const t = await openTicket(s);
      const agent = await issueToken(s, 'agent');
      s.time.set(T0 + 12 * MIN);
      const v = await record(s, t.id, 'acknowledged', { at: iso(T0 + 7 * MIN) }, agent.token);
      assert.equal(v.events[0].late, undefined);
      assert.equal(clockOf(v, 'C-01').state, 'met');
    });
  });
}
