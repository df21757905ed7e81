// The quarterly report and the guarantee's quarterly third-party assessment (每季度质量认证): the
// quarter's assessments with assessor, organisation, date, verdict and findings by severity, or
// a plain line that none is recorded; a customer's report shows the verdict and the counts only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testDatabases } from '../helpers/databases.js';
import type { TestServer } from '../helpers/server.js';
import { addCustomer, expectStatus, issueToken, serverPerTest } from '../http/support.js';

const dbs = await testDatabases();

const NOW = '2027-01-12T02:00:00.000Z';

const FINDINGS = [
  { severity: 'low', title: 'Two reports sent a day late' },
  {
    severity: 'critical',
    title: 'Admin token shared by the night shift',
    detail: 'one token for four people; no one can tell who corrected ticket 812',
  },
  { severity: 'low', title: 'Improvement owners not always named' },
];

async function quarterly(s: TestServer, query: string, token?: string) {
  const json = await s.api(
    'GET',
    `/api/v1/reports/quarterly?date=2026-Q4&format=json${query}`,
    undefined,
    token,
  );
  expectStatus(json, 200);
  const page = await s.api(
    'GET',
    `/api/v1/reports/quarterly?date=2026-Q4${query}`,
    undefined,
    token,
  );
  expectStatus(page, 200);
  return { model: json.body, html: String(page.body) };
}

for (const db of dbs) {
  describe(`the quarterly report's assessment [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db, NOW);

    it('says plainly when the quarter has no assessment recorded, in both languages', async () => {
      const s = server();
      // Another quarter's assessment is not this one's.
      expectStatus(
        await s.api('POST', '/api/v1/assessments', {
          period: '2026-Q3',
          assessor: 'Zhang Min',
          organisation: 'CQC',
          scope: 'service desk',
          findings: [],
          verdict: 'pass',
          date: '2026-10-09',
        }),
        201,
      );
      const { model, html } = await quarterly(s, '');
      assert.deepEqual(model.assessment, { period: '2026-Q4', items: [] });
      assert.match(html, /Quarterly third-party assessment/);
      assert.match(html, /No third-party assessment recorded for 2026-Q4/);
      const zh = (await quarterly(s, '&lang=zh')).html;
      assert.match(zh, /每季度质量认证/);
      assert.match(zh, /2026-Q4 尚无第三方评估记录/);
      // Only the quarterly report carries it.
      const monthly = await s.api('GET', '/api/v1/reports/monthly?date=2026-12&format=json');
      assert.equal(monthly.body.assessment, undefined);
    });

    it("shows the quarter's assessments newest first: who, when, the verdict and the findings by severity", async () => {
      const s = server();
      const auditor = (await issueToken(s, 'auditor')).token;
      const first = await s.api(
        'POST',
        '/api/v1/assessments',
        {
          period: '2026-Q4',
          assessor: 'Zhang Min',
          organisation: 'China Quality Certification Centre',
          scope: 'service desk, incident handling and reporting',
          findings: FINDINGS,
          verdict: 'fail',
          date: '2026-12-18',
        },
        auditor,
      );
      expectStatus(first, 201);
      const retest = await s.api(
        'POST',
        '/api/v1/assessments',
        {
          period: '2026-Q4',
          assessor: 'Li Hua',
          organisation: 'China Quality Certification Centre',
          scope: 'the critical finding of 2026-12-18',
          findings: [{ severity: 'info', title: 'Named tokens issued to each engineer' }],
          verdict: 'pass',
          date: '2027-01-08',
        },
        auditor,
      );
      expectStatus(retest, 201);

      const { model, html } = await quarterly(s, '', auditor);
      assert.equal(model.assessment.period, '2026-Q4');
      assert.deepEqual(
        model.assessment.items.map((a: any) => [a.id, a.assessor, a.date, a.verdict, a.total]),
        [
          [retest.body.id, 'Li Hua', '2027-01-08', 'pass', 1],
          [first.body.id, 'Zhang Min', '2026-12-18', 'fail', 3],
        ],
      );
      const failed = model.assessment.items[1];
      assert.equal(failed.organisation, 'China Quality Certification Centre');
      assert.equal(failed.scope, 'service desk, incident handling and reporting');
      assert.deepEqual(failed.bySeverity, [
        { severity: 'critical', count: 1 },
        { severity: 'high', count: 0 },
        { severity: 'medium', count: 0 },
        { severity: 'low', count: 2 },
        { severity: 'info', count: 0 },
      ]);
      assert.deepEqual(
        failed.findings.map((f: any) => [f.severity, f.title]),
        [
          ['critical', 'Admin token shared by the night shift'],
          ['low', 'Two reports sent a day late'],
          ['low', 'Improvement owners not always named'],
        ],
        'worst first, in recorded order within a severity',
      );

      for (const text of [
        'Zhang Min',
        'Li Hua',
        'China Quality Certification Centre',
        '2026-12-18',
        '2027-01-08',
        'Admin token shared by the night shift',
        'no one can tell who corrected ticket 812',
        'Named tokens issued to each engineer',
      ])
        assert.ok(html.includes(text), `the page shows ${text}`);
      assert.doesNotMatch(html, /No third-party assessment recorded/);
      const block = new RegExp(`<div data-assessment="${first.body.id}">(.*?)</div>`, 's').exec(
        html,
      )![1]!;
      assert.match(block, /<span class="pill red">fail<\/span>/);
      assert.match(block, /<td class="num" data-severity="critical">1<\/td>/);
      assert.match(block, /<td class="num" data-severity="low">2<\/td>/);
      const zh = (await quarterly(s, '&lang=zh', auditor)).html;
      assert.match(zh, /每季度质量认证/);
      assert.match(zh, /未通过/);
      assert.match(zh, /评估机构/);
    });

    it("a customer's report shows the verdict and the counts by severity, not the findings themselves", async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const customer = (await issueToken(s, 'customer', 'acme')).token;
      expectStatus(
        await s.api('POST', '/api/v1/assessments', {
          period: '2026-Q4',
          assessor: 'Zhang Min',
          organisation: 'China Quality Certification Centre',
          scope: 'service desk',
          findings: FINDINGS,
          verdict: 'pass_with_findings',
          date: '2026-12-18',
        }),
        201,
      );
      const { model, html } = await quarterly(s, '', customer);
      assert.equal(model.header.customer, 'acme');
      const [a] = model.assessment.items;
      assert.deepEqual(
        [a.assessor, a.organisation, a.date, a.verdict, a.total, a.findings],
        [
          'Zhang Min',
          'China Quality Certification Centre',
          '2026-12-18',
          'pass_with_findings',
          3,
          null,
        ],
      );
      assert.deepEqual(
        a.bySeverity.filter((b: any) => b.count > 0),
        [
          { severity: 'critical', count: 1 },
          { severity: 'low', count: 2 },
        ],
      );
      assert.match(html, /pass with findings/);
      assert.match(html, /counted by severity here; their detail stays with the provider/);
      for (const f of FINDINGS) assert.ok(!html.includes(f.title), `no finding title: ${f.title}`);
      assert.ok(!html.includes('ticket 812'));
      // Staff asking for acme's report see everything.
      const staff = await quarterly(s, '&customer=acme');
      assert.equal(staff.model.assessment.items[0].findings.length, 3);
    });
  });
}
