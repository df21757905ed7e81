// Who and when on every ticket write: the authenticated token (never a typed label) and the
// server's time, shown on the ticket and each event; customers cannot date what they record.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testDatabases } from '../helpers/databases.js';
import {
  DAY,
  MIN,
  T0,
  addCustomer,
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
