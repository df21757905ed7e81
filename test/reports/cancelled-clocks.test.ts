// Clocks cancelled by a close before the solution, in the monthly and quarterly reports: the
// model counts them beside the commitment's figures, the HTML says so in both languages.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabases } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { addCustomer, expectStatus } from '../http/support.js';

const dbs = await testDatabases();

const urgent = (subject: string, createdAt: string, events: Array<[string, string]>) => ({
  customer: 'acme',
  kind: 'problem',
  priority: 'urgent',
  channel: 'email',
  subject,
  createdAt,
  events: events.map(([type, at]) => ({ type, at })),
});

const TICKETS = [
  urgent('solved', '2026-10-12T00:00:00Z', [
    ['acknowledged', '2026-10-12T00:05:00Z'],
    ['solution_provided', '2026-10-12T01:00:00Z'],
  ]),
  urgent('closed unsolved 1', '2026-10-13T00:00:00Z', [
    ['acknowledged', '2026-10-13T00:05:00Z'],
    ['closed', '2026-10-13T00:30:00Z'],
  ]),
  urgent('closed unsolved 2', '2026-10-14T00:00:00Z', [
    ['acknowledged', '2026-10-14T00:05:00Z'],
    ['closed', '2026-10-14T01:00:00Z'],
  ]),
];

const row = (page: string, commitment: string) =>
  new RegExp(`<tr data-commitment="${commitment}">(.*?)</tr>`, 's').exec(page)?.[1] ?? '';

for (const db of dbs) {
  describe(`reports: clocks closed without a solution [${db.name}]`, { skip: db.skip }, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(db, { now: '2026-11-05T00:00:00Z' });
      await addCustomer(s, 'acme');
      expectStatus(await s.api('POST', '/api/v1/tickets/import', { tickets: TICKETS }), 201);
    });
    after(() => s?.close());

    it('the monthly model counts them beside the figures, never in them', async () => {
      const r = await s.api('GET', '/api/v1/reports/monthly?date=2026-10&format=json');
      expectStatus(r, 200);
      const m = typeof r.body === 'string' ? JSON.parse(r.body) : r.body;
      const c02 = m.commitments.find((c: any) => c.id === 'C-02');
      assert.deepEqual(
        [c02.value, c02.sample, c02.breaches, c02.cancelled, c02.status],
        [100, 1, 0, 2, 'met'],
      );
      assert.equal(m.commitments.find((c: any) => c.id === 'C-01').cancelled, 0);
      assert.equal(m.summary.closedWithoutSolution, 2);
    });

    it('the monthly review says "2 closed without a solution" / "2 张未解决即关闭"', async () => {
      const en = String((await s.api('GET', '/api/v1/reports/monthly?date=2026-10')).body);
      assert.match(row(en, 'C-02'), /2 closed without a solution/);
      assert.doesNotMatch(row(en, 'C-01'), /closed without a solution/);
      assert.match(en, /Closed without a solution \(not counted\)<b>2<\/b>/);
      const zh = String((await s.api('GET', '/api/v1/reports/monthly?date=2026-10&lang=zh')).body);
      assert.match(row(zh, 'C-02'), /2 张未解决即关闭/);
      assert.match(zh, /未解决即关闭（不计入）<b>2<\/b>/);
    });

    it('the quarterly assessment shows them for the quarter and for their month', async () => {
      const r = await s.api('GET', '/api/v1/reports/quarterly?date=2026-Q4&format=json');
      expectStatus(r, 200);
      const m = typeof r.body === 'string' ? JSON.parse(r.body) : r.body;
      assert.equal(m.commitments.find((c: any) => c.id === 'C-02').cancelled, 2);
      assert.deepEqual(
        m.months.map((x: any) => [x.month, x.values['C-02'].cancelled]),
        [
          ['2026-10', 2],
          ['2026-11', 0],
          ['2026-12', 0],
        ],
      );
      const page = String((await s.api('GET', '/api/v1/reports/quarterly?date=2026-Q4')).body);
      // Once in the quarter's table, once in October's column.
      assert.equal(page.match(/2 closed without a solution/g)?.length, 2);
    });
  });
}
