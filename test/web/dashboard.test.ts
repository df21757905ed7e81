// The dashboard end to end, in real headless Chromium (Debian's package) against a real
// server on loopback with generated data. One browser for the file; no waiting on time.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../src/adapters/pdf/chromium-pdf.js';
import { PACKAGE_ROOT, WEB_ROOT } from '../../src/runtime/paths.js';
import { needsBrowser } from '../helpers/browser.js';
import { testDatabases } from '../helpers/databases.js';
import { startDemoServer } from '../helpers/demo-server.js';
import { ADMIN_TOKEN, type TestServer } from '../helpers/server.js';
import { expectStatus } from '../http/support.js';

const dbs = await testDatabases();
const chromiumNeed = needsBrowser();
const ARTIFACTS = join(PACKAGE_ROOT, 'test-artifacts');
mkdirSync(ARTIFACTS, { recursive: true });
assert.ok(
  existsSync(join(WEB_ROOT, 'index.html')),
  'the dashboard is built (npm ci runs npm run build:web)',
);

const profile = mkdtempSync(join(tmpdir(), 'surety-e2e-'));
let browser: BrowserContext;
before(async () => {
  if (chromiumNeed.skip) return;
  chromiumNeed.ensure();
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumNeed.chromium,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1300, height: 900 },
    timezoneId: 'Europe/Berlin',
  });
  browser.setDefaultTimeout(15_000);
});
after(async () => {
  await browser?.close();
  rmSync(profile, { recursive: true, force: true });
});

async function signIn(s: TestServer, token: string): Promise<Page> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${s.url}/`);
  await page.evaluate('sessionStorage.clear()');
  await page.reload();
  await page.fill('input[name=token]', token);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=who]');
  assert.deepEqual(errors, []);
  return page;
}

const HEALTH_FOR: Record<string, string[]> = {
  met: ['green', 'amber'],
  breached: ['red'],
  no_data: ['grey'],
  not_measured: ['grey'],
};

for (const db of dbs) {
  describe(`dashboard [${db.name}]`, { skip: db.skip || chromiumNeed.skip }, () => {
    let s: TestServer & { customerToken: string };
    before(async () => {
      s = await startDemoServer(db, { days: 40, ticketsPerDay: 12, metricStepMinutes: 60 });
    });
    after(() => s?.close());

    it('refuses a wrong token, signs in with a right one, and the overview shows each commitment as the compliance API does', async () => {
      const page = await browser.newPage();
      await page.goto(`${s.url}/`);
      await page.fill('input[name=token]', 'sty_not-a-token');
      await page.click('button[type=submit]');
      await page.waitForSelector('.error[role=alert]');
      await page.close();

      const p = await signIn(s, ADMIN_TOKEN);
      await p.waitForSelector('[data-testid=overview] tr[data-commitment]');
      await p.waitForFunction("document.querySelector('[data-testid=render-time]')?.dataset.ms");
      const compliance = (await s.api('GET', '/api/v1/compliance?month=2026-11')).body;
      const rows = await p.$$eval('[data-testid=overview] tr[data-commitment]', (trs) =>
        trs.map((tr) => ({
          id: tr.getAttribute('data-commitment'),
          status: tr.getAttribute('data-status'),
          health: tr.getAttribute('data-health'),
          pill: tr.querySelector('.pill')?.textContent,
        })),
      );
      assert.equal(rows.length, compliance.commitments.length);
      for (const c of compliance.commitments) {
        const row = rows.find((r) => r.id === c.commitment)!;
        assert.equal(row.status, c.status, c.commitment);
        assert.ok(
          HEALTH_FOR[c.status]!.includes(row.health!),
          `${c.commitment}: ${c.status} shows ${row.health}`,
        );
      }
      assert.ok(rows.some((r) => r.health === 'red') && rows.some((r) => r.health === 'grey'));
      const ms = Number(await p.getAttribute('[data-testid=render-time]', 'data-ms'));
      assert.ok(ms > 0 && ms < 1000, `the overview rendered in ${ms} ms`);
      await p.screenshot({ path: join(ARTIFACTS, `overview-${db.name}.png`), fullPage: true });

      await p.click('[data-nav=tickets]');
      await p.waitForSelector('[data-testid=tickets] tr[data-ticket]');
      const queue = await p.$$eval('[data-testid=tickets] tr[data-ticket]', (trs) =>
        trs.map((tr) => ({
          id: Number(tr.getAttribute('data-ticket')),
          breached: tr.getAttribute('data-breached') === 'true',
        })),
      );
      const api = (await s.api('GET', '/api/v1/tickets?status=active&order=queue&limit=200')).body
        .tickets;
      assert.ok(
        api.some((t: any) => t.breached),
        'the generated queue has a breached ticket',
      );
      assert.equal(queue[0]!.breached, true, 'a breached ticket comes first');
      assert.equal(queue[0]!.id, api[0].id);
      const firstNotBreached = queue.findIndex((t) => !t.breached);
      assert.ok(
        queue.slice(firstNotBreached).every((t) => !t.breached),
        'every breached ticket before the others',
      );
      assert.ok(
        (await p.$$('[data-testid=tickets] .clock[data-state]')).length > 0,
        'live clocks are shown',
      );
      await p.screenshot({ path: join(ARTIFACTS, `tickets-${db.name}.png`), fullPage: false });

      // A ticket's history says who recorded each event and when, and marks a late entry.
      const lead = await s.api('POST', '/api/v1/tokens', { role: 'admin', name: 'Lead Zhang' });
      const desk = await s.api('POST', '/api/v1/tokens', { role: 'agent', name: 'desk Li' });
      const ago = (min: number) => new Date(s.time.now() - min * 60_000).toISOString();
      const fresh = await s.api(
        'POST',
        '/api/v1/tickets',
        {
          customer: 'acme',
          kind: 'problem',
          priority: 'urgent',
          channel: 'phone',
          subject: 'printer on fire',
          createdAt: ago(10),
        },
        lead.body.token,
      );
      expectStatus(fresh, 201);
      const id = fresh.body.id as number;
      const late = await s.api(
        'POST',
        `/api/v1/tickets/${id}/events`,
        { type: 'acknowledged', at: ago(8) },
        lead.body.token,
      );
      expectStatus(late, 201);
      expectStatus(
        await s.api(
          'POST',
          `/api/v1/tickets/${id}/events`,
          { type: 'waiting_on_customer' },
          desk.body.token,
        ),
        201,
      );
      const events = (await s.api('GET', `/api/v1/tickets/${id}`)).body.events;
      assert.deepEqual(
        events.map((e: any) => [e.recordedBy.name, e.late ?? false]),
        [
          ['Lead Zhang', true],
          ['desk Li', false],
        ],
      );
      await p.click('.panel .tabs button:last-child'); // all tickets, newest first
      await p.click(`[data-testid=tickets] button[data-open="${id}"]`);
      const history = `[data-testid=ticket-history][data-ticket="${id}"]`;
      await p.waitForSelector(`${history} tr[data-seq]`);
      assert.equal(await p.textContent(`${history} [data-testid=opened-by]`), 'Lead Zhang');
      const lines = await p.$$eval(`${history} tr[data-seq]`, (trs) =>
        trs.map((tr) => ({
          by: tr.querySelector('[data-testid=recorded-by]')?.textContent,
          recorded: tr.children[2]?.textContent,
          late: tr.querySelector('.pill.late')?.getAttribute('title') ?? null,
        })),
      );
      assert.deepEqual(
        lines.map((r) => r.by),
        ['Lead Zhang', 'desk Li'],
      );
      assert.match(lines[0]!.late!, /^Late entry: recorded 8m 00s after the time it is dated/);
      assert.equal(lines[1]!.late, null, 'an event recorded at once is not late');
      const shown = await p.evaluate(
        (iso) =>
          new Intl.DateTimeFormat('en', {
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
            hour12: false,
          }).format(new Date(iso)),
        events[0].recordedAt,
      );
      assert.ok(lines[0]!.recorded!.startsWith(shown), `${lines[0]!.recorded} shows ${shown}`);
      await p.hover(`${history} .pill.late`);
      await p.screenshot({
        path: join(ARTIFACTS, `ticket-history-${db.name}.png`),
        fullPage: false,
      });

      await p.click('[data-nav=metrics]');
      await p.waitForSelector('[data-testid=metric-chart] canvas');
      await p.screenshot({ path: join(ARTIFACTS, `metrics-${db.name}.png`) });
      for (const view of ['incidents', 'credits', 'feedback', 'improvements']) {
        await p.click(`[data-nav=${view}]`);
        await p.waitForSelector('section.panel h2');
        await p.waitForFunction("!document.querySelector('.loading')");
        await p.screenshot({ path: join(ARTIFACTS, `${view}-${db.name}.png`) });
      }
      await p.close();
    });

    it('switches to Chinese and back, and keeps the choice', async () => {
      const p = await signIn(s, ADMIN_TOKEN);
      await p.click('[data-nav=overview]');
      await p.waitForSelector('[data-testid=overview]');
      const english = await p.textContent('[data-nav=overview]');
      await p.click('[data-testid=lang]');
      assert.equal(await p.textContent('[data-nav=overview]'), '总览');
      assert.equal(await p.getAttribute('html', 'lang'), 'zh-CN');
      assert.match(
        (await p.textContent('[data-testid=overview] tr[data-commitment="C-01"]'))!,
        /客户咨询响应/,
      );
      await p.screenshot({ path: join(ARTIFACTS, `overview-zh-${db.name}.png`), fullPage: true });
      await p.reload();
      await p.waitForSelector('[data-nav=overview]');
      assert.equal(
        await p.textContent('[data-nav=overview]'),
        '总览',
        'the language survives a reload',
      );
      await p.click('[data-testid=lang]');
      assert.equal(await p.textContent('[data-nav=overview]'), english);
      await p.close();
    });

    it('a customer sees only its own commitments, breaches, credits and tickets', async () => {
      const p = await signIn(s, s.customerToken);
      await p.waitForSelector('[data-testid=compliance] tr[data-commitment]');
      assert.equal(await p.textContent('[data-testid=who]'), 'customer · acme');
      const navs = await p.$$eval('nav a[data-nav]', (as) =>
        as.map((a) => a.getAttribute('data-nav')),
      );
      assert.ok(
        !navs.includes('metrics') && !navs.includes('improvements'),
        `no staff views: ${navs}`,
      );
      await p.waitForSelector('[data-testid=breaches] tr[data-ticket]');
      const customers = await p.$$eval('[data-testid=breaches] tr[data-ticket]', (trs) =>
        trs.map((tr) => tr.getAttribute('data-customer')),
      );
      assert.ok(
        customers.length > 0 && customers.every((c) => c === 'acme'),
        `only acme's breaches: ${[...new Set(customers)]}`,
      );
      const mine = (
        await s.api('GET', '/api/v1/compliance?month=2026-11', undefined, s.customerToken)
      ).body;
      for (const c of mine.commitments)
        assert.equal(
          await p.getAttribute(
            `[data-testid=compliance] tr[data-commitment="${c.commitment}"]`,
            'data-status',
          ),
          c.status,
        );
      await p.waitForSelector('[data-testid=credits] tr[data-customer], .panel .empty');
      const creditCustomers = await p.$$eval('[data-testid=credits] tr[data-customer]', (trs) =>
        trs.map((tr) => tr.getAttribute('data-customer')),
      );
      assert.ok(creditCustomers.every((c) => c === 'acme'));
      await p.screenshot({
        path: join(ARTIFACTS, `customer-compliance-${db.name}.png`),
        fullPage: true,
      });
      await p.click('[data-nav=tickets]');
      await p.waitForSelector('[data-testid=tickets] tr[data-ticket]');
      const ids = await p.$$eval('[data-testid=tickets] tr[data-ticket]', (trs) =>
        trs.map((tr) => Number(tr.getAttribute('data-ticket'))),
      );
      const others = (await s.api('GET', '/api/v1/tickets?status=active&limit=500')).body.tickets
        .filter((t: any) => t.customer !== 'acme')
        .map((t: any) => t.id);
      assert.ok(
        others.length > 0 && ids.every((id) => !others.includes(id)),
        "no other customer's ticket",
      );
      await p.close();
    });

    it('a ticket closed before its solution shows that clock as cancelled, in neutral grey', async () => {
      const opened = await s.api('POST', '/api/v1/tickets', {
        customer: 'acme',
        kind: 'problem',
        priority: 'urgent',
        channel: 'web',
        subject: 'closed before a fix',
      });
      expectStatus(opened, 201);
      expectStatus(
        await s.api('POST', `/api/v1/tickets/${opened.body.id}/events`, { type: 'closed' }),
        201,
      );
      const p = await signIn(s, ADMIN_TOKEN);
      await p.click('[data-nav=tickets]');
      await p.waitForSelector('[data-testid=tickets] tr[data-ticket]');
      await p.click('.panel .tabs button:nth-child(2)');
      const badge = `[data-testid=tickets] tr[data-ticket="${opened.body.id}"] .clock[data-clock=C-02]`;
      await p.waitForSelector(badge);
      assert.equal(await p.getAttribute(badge, 'data-state'), 'cancelled');
      assert.match((await p.textContent(badge))!, /C-02 closed without solution/);
      const colours = await p.evaluate(
        `(() => { const s = getComputedStyle(document.querySelector('${badge}')); return { background: s.backgroundColor, colour: s.color }; })()`,
      );
      // The paused badge's grey, not the green of met or the red of breached.
      assert.deepEqual(colours, { background: 'rgb(232, 234, 239)', colour: 'rgb(85, 91, 102)' });
      await p.close();
    });

    it("the credits view shows the credit ledger's statement; the alerts view shows open alerts with their level, and staff acknowledge them", async () => {
      const statement = (await s.api('GET', '/api/v1/credits?month=2026-10')).body;
      const p = await signIn(s, ADMIN_TOKEN);
      await p.click('[data-nav=credits]');
      await p.waitForSelector('[data-testid=credits] tr[data-customer]');
      // The dashboard opens on the server's month (November); step back to October.
      await p.click('.panel .tabs button:first-child');
      await p.waitForSelector('[data-testid=credits][data-month="2026-10"]');
      const totals = await p.$$eval('[data-testid=credits] tr[data-customer]', (trs) =>
        trs.map((tr) => [tr.getAttribute('data-customer'), Number(tr.getAttribute('data-total'))]),
      );
      assert.deepEqual(
        totals,
        statement.customers.map((c: any) => [c.customer, c.total]),
      );
      const lines = await p.$$eval('[data-testid=credit-lines] tr[data-customer]', (trs) =>
        trs.map((tr) => [
          tr.getAttribute('data-customer'),
          Number(tr.getAttribute('data-ticket')),
          Number(tr.getAttribute('data-amount')),
        ]),
      );
      assert.deepEqual(
        lines,
        statement.customers.flatMap((c: any) =>
          c.lines.map((l: any) => [c.customer, l.ticket, l.amount]),
        ),
      );
      assert.ok(lines.length > 0, 'October owes credits');
      assert.match((await p.textContent('[data-testid=rounding]'))!, /half up/);
      await p.screenshot({
        path: join(ARTIFACTS, `credits-ledger-${db.name}.png`),
        fullPage: true,
      });

      // A live ticket misses its first response: the alert opens at the on-call level.
      const opened = await s.api('POST', '/api/v1/tickets', {
        customer: 'acme',
        kind: 'inquiry',
        priority: 'general',
        channel: 'web',
        subject: 'no answer yet',
      });
      expectStatus(opened, 201);
      s.time.advance(16 * 60_000);
      await s.app.sweeper.runOnce();
      await s.app.consequences.runOnce();
      const alerts = (await s.api('GET', '/api/v1/alerts?status=open')).body.alerts;
      const alert = alerts.find(
        (a: any) => a.subject.id === String(opened.body.id) && a.type === 'clock.breached',
      );
      assert.ok(alert, JSON.stringify(alerts));
      await p.click('[data-nav=alerts]');
      await p.waitForSelector(`[data-testid=alerts] tr[data-alert="${alert.id}"]`);
      const row = `[data-testid=alerts] tr[data-alert="${alert.id}"]`;
      assert.equal(await p.getAttribute(row, 'data-status'), 'triggered');
      assert.equal(await p.getAttribute(row, 'data-level'), String(alert.level));
      assert.match(
        (await p.textContent(`${row} [data-testid=level]`))!,
        new RegExp(`${alert.levelName} \\(${alert.level + 1}/${alert.levels}\\)`),
      );
      await p.screenshot({ path: join(ARTIFACTS, `alerts-${db.name}.png`), fullPage: true });
      await p.click(`${row} button[data-ack]`);
      await p.waitForFunction(
        `document.querySelector('${row}')?.getAttribute('data-status') === 'acknowledged'`,
      );
      const after = (await s.api('GET', `/api/v1/alerts/${alert.id}`)).body;
      assert.equal(after.status ?? after.alert?.status, 'acknowledged');
      await p.close();
    });
  });
}
