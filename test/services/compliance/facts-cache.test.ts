// Closed months' compliance facts are read once and reused while nothing behind them changes;
// any write to a ticket of the month (even at the same instant, on a frozen clock) reads them again.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { closedWindowFacts } from '../../../src/services/compliance/facts-cache.js';
import { monthWindow } from '../../../src/services/compliance/window.js';
import { testDatabases } from '../../helpers/databases.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { compliance, entryOf, expectStatus } from '../../http/support.js';

const dbs = await testDatabases();

for (const db of dbs) {
  describe(`closed-month facts cache [${db.name}]`, { skip: db.skip }, () => {
    let s: TestServer;
    let ids: number[];
    before(async () => {
      s = await startTestServer(db, { now: '2026-11-10T02:00:00Z' });
      expectStatus(
        await s.api('POST', '/api/v1/customers', { id: 'acme', name: 'ACME', monthlyFee: 1000 }),
        201,
      );
      const r = await s.api('POST', '/api/v1/tickets/import', {
        tickets: [
          {
            customer: 'acme',
            kind: 'inquiry',
            priority: 'general',
            channel: 'web',
            subject: 'a',
            createdAt: '2026-10-05T02:00:00Z',
            events: [{ type: 'acknowledged', at: '2026-10-05T02:20:00Z' }],
          },
          {
            customer: 'acme',
            kind: 'inquiry',
            priority: 'general',
            channel: 'web',
            subject: 'b',
            createdAt: '2026-10-06T02:00:00Z',
            events: [{ type: 'acknowledged', at: '2026-10-06T02:05:00Z' }],
          },
        ],
      });
      expectStatus(r, 201);
      ids = r.body.ids;
    });
    after(() => s?.close());

    test('a closed window is read once while nothing is written; an open one every time', async () => {
      const store = s.app.core.store;
      // Windows a millisecond off the months, so these stand-in facts never meet a real report.
      const shift = (w: { from: number; to: number }) => ({ from: w.from + 1, to: w.to });
      const october = shift(monthWindow('2026-10', 'Asia/Shanghai'));
      const november = shift(monthWindow('2026-11', 'Asia/Shanghai'));
      let reads = 0;
      const read = async () => ++reads;
      const now = s.time.now();
      assert.equal(await closedWindowFacts(store, october, undefined, now, read), 1);
      assert.equal(await closedWindowFacts(store, october, undefined, now, read), 1, 'reused');
      assert.equal(
        await closedWindowFacts(store, october, 'acme', now, read),
        2,
        'another scope is another entry',
      );
      await closedWindowFacts(store, november, undefined, now, read);
      await closedWindowFacts(store, november, undefined, now, read);
      assert.equal(reads, 4, 'November is not over: read each time');
      // A late event (same instant: the clock is frozen) on an October ticket: read again.
      expectStatus(
        await s.api('POST', `/api/v1/tickets/${ids[1]}/events`, { type: 'resolved' }),
        201,
      );
      assert.equal(await closedWindowFacts(store, october, undefined, now, read), 5);
      assert.equal(await closedWindowFacts(store, october, undefined, now, read), 5);
      // A new ticket created in September (before October's end) too.
      expectStatus(
        await s.api('POST', '/api/v1/tickets', {
          customer: 'acme',
          kind: 'inquiry',
          priority: 'general',
          channel: 'web',
          subject: 'c',
          createdAt: '2026-09-20T02:00:00Z',
        }),
        201,
      );
      assert.equal(await closedWindowFacts(store, october, undefined, now, read), 6);
    });

    test('compliance of a closed month follows a correction made at the same instant', async () => {
      assert.deepEqual(entryOf(await compliance(s, 'month=2026-10'), 'C-01').tickets, [ids[0]]);
      assert.deepEqual(entryOf(await compliance(s, 'month=2026-10'), 'C-01').tickets, [ids[0]]);
      expectStatus(
        await s.api('POST', `/api/v1/tickets/${ids[0]}/events/1/correct`, {
          at: '2026-10-05T02:10:00Z',
          reason: 'the import was off by ten minutes',
        }),
        201,
      );
      assert.deepEqual(entryOf(await compliance(s, 'month=2026-10'), 'C-01').tickets, []);
      expectStatus(
        await s.api('POST', `/api/v1/tickets/${ids[1]}/events/1/correct`, {
          at: '2026-10-06T02:40:00Z',
          reason: 'the first answer was an auto-reply',
        }),
        201,
      );
      const c01 = entryOf(await compliance(s, 'month=2026-10'), 'C-01');
      assert.deepEqual(c01.tickets, [ids[1]]);
      const overview = (await s.api('GET', '/api/v1/views/overview?month=2026-11')).body;
      assert.equal(
        overview.commitments
          .find((c: any) => c.commitment === 'C-01')
          .trend.find((p: any) => p.month === '2026-10').value,
        c01.value,
      );
    });
  });
}
