// The reports against a real server with generated data: the figures in the HTML are the
// compliance API's, the PDF (headless Chromium) has the pages and text, the CLI works beside
// the running server, and the quarterly pack's hashes check out.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { needsBrowser } from '../helpers/browser.js';
import { testDatabases } from '../helpers/databases.js';
import { surety } from '../helpers/cli.js';
import { startDemoServer } from '../helpers/demo-server.js';
import { ADMIN_TOKEN, type TestServer } from '../helpers/server.js';
import { expectError, expectStatus } from '../http/support.js';

const dbs = await testDatabases();
// The daily PDF is in Chinese: without a CJK font pdftotext would read back empty boxes.
const pdf = needsBrowser('pdftotext', 'cjk-font');
const out = mkdtempSync(join(tmpdir(), 'surety-reports-'));
const pdfText = (file: string) =>
  execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const pdfPages = (file: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
const formatted = (v: number | null, unit: string) =>
  v === null
    ? '—'
    : unit === 'percent'
      ? `${Math.round(v * 100) / 100} %`
      : String(Math.round(v * 100) / 100);

for (const db of dbs) {
  describe(`reports [${db.name}]`, { skip: db.skip }, () => {
    let s: TestServer & { customerToken: string };
    let october: any;
    before(async () => {
      s = await startDemoServer(db, { env: { SURETY_CHROMIUM: pdf.chromium } });
      october = (await s.api('GET', '/api/v1/compliance?month=2026-10')).body;
    });
    after(() => s?.close());

    it('the monthly review shows every commitment as the compliance API reports it, with every breached ticket', async () => {
      const r = await s.api('GET', '/api/v1/reports/monthly?date=2026-10');
      expectStatus(r, 200);
      const page = String(r.body);
      assert.ok(
        october.commitments.some((c: any) => c.status === 'breached'),
        'the generated month has breaches',
      );
      for (const c of october.commitments) {
        const row = new RegExp(`<tr data-commitment="${c.commitment}">(.*?)</tr>`, 's').exec(
          page,
        )?.[1];
        assert.ok(row, `a row for ${c.commitment}`);
        assert.ok(
          row.includes(c.target.replace(/>/g, '&gt;').replace(/</g, '&lt;')),
          `${c.commitment} shows its target ${c.target}`,
        );
        assert.ok(
          row.includes(formatted(c.value, c.unit)),
          `${c.commitment} shows ${formatted(c.value, c.unit)}: ${row}`,
        );
        assert.ok(
          row.includes(`<td class="num">${c.breaches}</td>`),
          `${c.commitment} shows ${c.breaches} breaches`,
        );
        for (const t of c.tickets)
          assert.ok(
            page.includes(`#${t}<`),
            `breached ticket ${t} of ${c.commitment} is in the evidence`,
          );
      }
      assert.match(page, /Monthly quality review/);
      assert.match(page, /Improvement plan/);
      assert.match(page, /<svg/, 'charts are inline SVG');
      const zh = String((await s.api('GET', '/api/v1/reports/monthly?date=2026-10&lang=zh')).body);
      assert.match(zh, /月度服务质量评审/);
      assert.match(zh, /改进计划/);
    });

    it(
      'the PDF has the expected pages and text, and the CLI makes it beside the running server',
      { skip: pdf.skip },
      async () => {
        pdf.ensure();
        const file = join(out, `monthly-${db.name}.pdf`);
        const cli = await surety([
          'report',
          'monthly',
          '--date',
          '2026-10',
          '--format',
          'pdf',
          '--out',
          file,
          '--chromium',
          pdf.chromium,
          '--data-dir',
          s.location.dataDir,
          ...(s.location.url ? ['--db', s.location.url] : []),
        ]);
        assert.equal(cli.code, 0, cli.stderr);
        const text = pdfText(file);
        assert.ok(
          pdfPages(file) >= 5,
          'summary, evidence, availability/MTTR/credits, feedback and plan start on their own pages',
        );
        for (const heading of [
          'Monthly quality review',
          'Evidence behind each breach',
          'Credits owed',
          'Feedback analysis',
          'Improvement plan',
        ])
          assert.ok(text.includes(heading), heading);
        for (const c of october.commitments) {
          assert.ok(text.includes(c.target), `the PDF names ${c.commitment}'s target ${c.target}`);
          for (const t of c.tickets)
            assert.match(text, new RegExp(`#${t}\\b`), `the PDF names breached ticket ${t}`);
        }
        const http = await fetch(
          `${s.url}/api/v1/reports/daily?date=2026-10-20&format=pdf&lang=zh`,
          {
            headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
          },
        );
        assert.equal(http.headers.get('content-type'), 'application/pdf');
        writeFileSync(join(out, `daily-${db.name}.pdf`), Buffer.from(await http.arrayBuffer()));
        assert.match(pdfText(join(out, `daily-${db.name}.pdf`)), /每日服务质量报告/);
      },
    );

    it("the monthly review's credits are the credit ledger's statement, line by line", async () => {
      const statement = (await s.api('GET', '/api/v1/credits?month=2026-10')).body;
      const model = (await s.api('GET', '/api/v1/reports/monthly?date=2026-10&format=json')).body;
      assert.equal(model.credits.source, 'ledger');
      assert.equal(model.credits.rounding, statement.rounding);
      const owed = statement.customers.filter((c: any) => c.lines.length > 0);
      assert.ok(owed.length > 0, 'the generated month owes credits');
      assert.deepEqual(
        model.credits.rows
          .map((r: any) => [
            r.customer,
            r.amount,
            r.lines.map((l: any) => [l.commitment, l.ticket, l.amount]),
          ])
          .sort(),
        owed
          .map((c: any) => [
            c.customer,
            c.total,
            c.lines.map((l: any) => [l.commitment, l.ticket, l.amount]),
          ])
          .sort(),
      );
      const page = String((await s.api('GET', '/api/v1/reports/monthly?date=2026-10')).body);
      const lines = /<table data-testid="credit-lines">(.*?)<\/table>/s.exec(page)?.[1] ?? '';
      for (const c of owed)
        for (const l of c.lines)
          assert.match(
            lines,
            new RegExp(`#${l.ticket}\\s*<`),
            `credit line for ticket ${l.ticket}`,
          );
      const quarter = (await s.api('GET', '/api/v1/reports/quarterly?date=2026-Q4&format=json'))
        .body;
      const months = await Promise.all(
        ['2026-10', '2026-11', '2026-12'].map(
          async (m) => (await s.api('GET', `/api/v1/credits?month=${m}`)).body,
        ),
      );
      const acme =
        months.reduce(
          (sum, st) =>
            sum + Math.round(st.customers.find((c: any) => c.customer === 'acme').total * 100),
          0,
        ) / 100;
      assert.equal(quarter.credits.rows.find((r: any) => r.customer === 'acme')?.amount ?? 0, acme);
    });

    it('the weekly trend compares week over week and the daily report counts the day', async () => {
      const weekly = (await s.api('GET', '/api/v1/reports/weekly?date=2026-W43&format=json')).body;
      assert.equal(weekly.previousPeriod, '2026-W42');
      assert.equal(weekly.trend.weeks.length, 6);
      assert.equal(weekly.volume.length, 7);
      const week = (await s.api('GET', `/api/v1/compliance?from=2026-10-19&to=2026-10-25`)).body;
      for (const c of week.commitments)
        assert.equal(
          weekly.commitments.find((r: any) => r.id === c.commitment).value,
          c.value,
          c.commitment,
        );
      const daily = (await s.api('GET', '/api/v1/reports/daily?date=2026-10-20&format=json')).body;
      const created = (
        await s.api('GET', '/api/v1/tickets?order=newest&limit=500')
      ).body.tickets.filter(
        (t: any) =>
          t.createdAt >= '2026-10-19T16:00:00.000Z' && t.createdAt < '2026-10-20T16:00:00.000Z',
      );
      assert.equal(daily.handling.created, created.length);
    });

    it('the quarterly pack holds the evidence as CSV and JSON with a manifest whose hashes verify', async () => {
      const file = join(out, `q-${db.name}.html`);
      const cli = await surety([
        'report',
        'quarterly',
        '--date',
        '2026-Q4',
        '--format',
        'html',
        '--out',
        file,
        '--data-dir',
        s.location.dataDir,
        ...(s.location.url ? ['--db', s.location.url] : []),
      ]);
      assert.equal(cli.code, 0, cli.stderr);
      const dir = file.replace(/\.html$/, '-evidence');
      const files = readdirSync(dir).sort();
      for (const f of [
        'SHA256SUMS',
        'audit-log.jsonl',
        'breaches.csv',
        'clocks.csv',
        'compliance.csv',
        'compliance.json',
        'corrections.jsonl',
        'improvements.csv',
        'late-entries.csv',
        'manifest.json',
        'manifest.sig',
        'policy.yaml',
        'signals.jsonl',
        'ticket-events.csv',
        'tickets.jsonl',
      ])
        assert.ok(files.includes(f), f);
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      assert.equal(manifest.period, '2026-Q4');
      for (const f of manifest.files)
        assert.equal(
          createHash('sha256')
            .update(readFileSync(join(dir, f.name)))
            .digest('hex'),
          f.sha256,
          f.name,
        );
      execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir });
      const html = readFileSync(file, 'utf8');
      for (const f of manifest.files)
        assert.ok(html.includes(f.sha256), `the report lists the hash of ${f.name}`);
      const tickets = readFileSync(join(dir, 'tickets.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).record);
      const breached = new Set<number>(
        JSON.parse(readFileSync(join(dir, 'compliance.json'), 'utf8')).commitments.flatMap(
          (c: any) => c.tickets,
        ),
      );
      assert.ok(
        [...breached].every((id) => tickets.some((t: any) => t.id === id)),
        'every breached ticket is in tickets.jsonl',
      );
    });

    it('a customer gets only its own report; bad dates are refused clearly', async () => {
      const mine = (
        await s.api(
          'GET',
          '/api/v1/reports/monthly?date=2026-10&format=json',
          undefined,
          s.customerToken,
        )
      ).body;
      assert.equal(mine.header.customer, 'acme');
      assert.ok(
        mine.commitments.flatMap((c: any) => c.evidence).every((e: any) => e.customer === 'acme'),
      );
      assert.deepEqual(mine.improvements, []);
      assert.ok(mine.credits.rows.every((r: any) => r.customer === 'acme'));
      expectError(
        await s.api(
          'GET',
          '/api/v1/reports/monthly?date=2026-10&customer=globex',
          undefined,
          s.customerToken,
        ),
        403,
        'forbidden',
      );
      expectError(
        await s.api('GET', '/api/v1/reports/weekly?date=2026-10'),
        400,
        'invalid_input',
        '2026-W41',
      );
      expectError(
        await s.api('GET', '/api/v1/reports/quarterly?date=2026-Q5'),
        400,
        'invalid_input',
        'quarter',
      );
      expectError(
        await s.api('GET', '/api/v1/reports/daily?date=2026-02-30'),
        400,
        'invalid_input',
        '2026-02-30',
      );
    });
  });
}
