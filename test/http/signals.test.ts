import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDatabases } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const dbs = await testDatabases();

for (const db of dbs) {
  describe(`the signal stream [${db.name}]`, { skip: db.skip }, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(db, { now: '2026-10-05T08:00:00Z' });
      for (const id of ['acme', 'globex'])
        await s.api('POST', '/api/v1/customers', { id, name: id, monthlyFee: 100 });
      await s.api('POST', '/api/v1/tickets', {
        customer: 'acme',
        kind: 'inquiry',
        priority: 'general',
        channel: 'web',
        subject: 'a',
        createdAt: '2026-10-05T07:00:00Z',
      });
      await s.api('POST', '/api/v1/tickets', {
        customer: 'globex',
        kind: 'inquiry',
        priority: 'general',
        channel: 'web',
        subject: 'b',
        createdAt: '2026-10-05T07:30:00Z',
      });
    });
    after(() => s?.close());

    test('breaches and warnings are read in order, after a cursor', async () => {
      const all = await s.api('GET', '/api/v1/signals?limit=100');
      assert.equal(all.status, 200);
      const types = all.body.signals.map(
        (x: { type: string; customer: string }) => `${x.customer}:${x.type}`,
      );
      assert.deepEqual(types, [
        'acme:clock.warning',
        'acme:clock.warning',
        'acme:clock.breached',
        'globex:clock.warning',
        'globex:clock.warning',
        'globex:clock.breached',
      ]);
      const breach = all.body.signals[2];
      assert.equal(breach.at, '2026-10-05T07:15:00.000Z');
      assert.equal(breach.commitment, 'C-01');
      const rest = await s.api('GET', `/api/v1/signals?after=${all.body.signals[2].id}`);
      assert.equal(rest.body.signals.length, 3);
      const only = await s.api('GET', '/api/v1/signals?type=clock.breached');
      assert.equal(only.body.signals.length, 2);
    });

    test('a customer reads only its own signals', async () => {
      const token = (
        await s.api('POST', '/api/v1/tokens', { role: 'customer', customer: 'globex' })
      ).body.token;
      const mine = await s.api('GET', '/api/v1/signals', undefined, token);
      assert.ok(mine.body.signals.length > 0);
      assert.ok(mine.body.signals.every((x: { customer: string }) => x.customer === 'globex'));
    });

    test('bad cursors are refused', async () => {
      const r = await s.api('GET', '/api/v1/signals?after=yesterday');
      assert.equal(r.status, 400);
      assert.match(r.body.error.message, /after/);
    });
  });
}
