// Scheduled reports end to end, on both databases, with a real SMTP receiver and a clock the
// test moves: the monthly review is generated once after the month closes and arrives with
// its PDF; a restart sends nothing twice; a failed generation or delivery is visible and retried.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { resolveConfig } from '../../src/runtime/config.js';
import { createLogger } from '../../src/runtime/logger.js';
import { startServer, type ServerApp } from '../../src/runtime/server-app.js';
import { ManualTime } from '../../src/runtime/time.js';
import { notificationPolicy } from '../consequences/helpers/policy.js';
import { startSmtpRecorder, type SmtpRecorder } from '../consequences/helpers/receivers.js';
import { needsBrowser } from '../helpers/browser.js';
import { testDatabases } from '../helpers/databases.js';
import { ADMIN_TOKEN } from '../helpers/server.js';

const dbs = await testDatabases();
// Both tests print the review to PDF; the first also reads it back.
const printing = needsBrowser();
const pdf = needsBrowser('pdftotext');
const out = mkdtempSync(join(tmpdir(), 'surety-scheduled-'));

const SCHEDULES = `
reports:
  schedules:
    monthly-review: { report: monthly, at: "09:00", language: en, format: pdf, to: ["team:management", "channel:mail"] }
    weekly-off: { report: weekly, to: ["person:li"], enabled: false }
`;

async function boot(
  location: { url: string | undefined; dataDir: string },
  policy: string,
  time: ManualTime,
  chromium = printing.chromium,
): Promise<ServerApp> {
  const config = resolveConfig(
    {
      port: '0',
      dataDir: location.dataDir,
      db: location.url,
      adminToken: ADMIN_TOKEN,
      policy,
      chromium,
    },
    {},
  );
  return startServer(config, { time, logger: createLogger('silent'), sweepIntervalMs: 0 });
}

async function call(app: ServerApp, method: string, path: string, body?: unknown) {
  const r = await fetch(`${app.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${ADMIN_TOKEN}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: r.status, body: (await r.json()) as any };
}

/** October: ACME's ticket 1 answered 20 minutes late (C-01 breached), ticket 2 in time. */
async function fill(app: ServerApp): Promise<number[]> {
  assert.equal(
    (
      await call(app, 'POST', '/api/v1/customers', {
        id: 'acme',
        name: 'ACME Ltd',
        monthlyFee: 20000,
      })
    ).status,
    201,
  );
  const r = await call(app, 'POST', '/api/v1/tickets/import', {
    tickets: [
      {
        customer: 'acme',
        kind: 'inquiry',
        priority: 'general',
        channel: 'email',
        subject: 'late',
        createdAt: '2026-10-12T02:00:00Z',
        events: [{ type: 'acknowledged', at: '2026-10-12T02:35:00Z' }],
      },
      {
        customer: 'acme',
        kind: 'inquiry',
        priority: 'general',
        channel: 'email',
        subject: 'in time',
        createdAt: '2026-10-13T02:00:00Z',
        events: [{ type: 'acknowledged', at: '2026-10-13T02:05:00Z' }],
      },
    ],
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.ids;
}

const runs = async (app: ServerApp) => (await call(app, 'GET', '/api/v1/reports/runs')).body;

for (const db of dbs) {
  describe(`scheduled reports [${db.name}]`, { skip: db.skip }, () => {
    let smtp: SmtpRecorder;
    let policy: string;
    before(async () => {
      smtp = await startSmtpRecorder();
      const base = notificationPolicy({
        dingtalk: 'http://127.0.0.1:9/',
        webhook: 'http://127.0.0.1:9/',
        smtpPort: smtp.port,
      });
      policy = join(mkdtempSync(join(tmpdir(), 'surety-policy-')), 'guarantee.yaml');
      writeFileSync(policy, readFileSync(base, 'utf8') + SCHEDULES);
    });
    after(async () => {
      await smtp?.close();
    });

    test(
      'the monthly review goes out once, after the month closes, with its PDF; a restart does not send it again',
      { skip: pdf.skip },
      async () => {
        pdf.ensure();
        smtp.messages.length = 0;
        const location = await db.fresh();
        const time = new ManualTime(Date.parse('2026-10-31T12:00:00+08:00'));
        let app = await boot(location, policy, time);
        try {
          const [late] = await fill(app);
          assert.deepEqual(
            await app.reports.runOnce(),
            [],
            'October is not over; September was due before the schedule existed',
          );
          time.set('2026-11-01T00:00:00+08:00');
          assert.deepEqual(
            await app.reports.runOnce(),
            [],
            'October is over, but the review goes out at 09:00',
          );
          time.set('2026-11-01T08:59:59+08:00');
          assert.deepEqual(await app.reports.runOnce(), []);
          time.set('2026-11-01T09:00:00+08:00');
          assert.deepEqual(await app.reports.runOnce(), [
            { schedule: 'monthly-review', period: '2026-10', outcome: 'queued' },
          ]);
          await app.consequences.runOnce();
          assert.equal(
            smtp.messages.length,
            2,
            'the management team (one person) and the mail channel',
          );
          const to = smtp.messages
            .map((m) =>
              (Array.isArray(m.to) ? m.to : [m.to]).flatMap((a) => a!.value.map((v) => v.address)),
            )
            .flat()
            .sort();
          assert.deepEqual(to, ['boss@example.com', 'desk@example.com']);
          for (const m of smtp.messages) {
            assert.equal(m.subject, 'Monthly quality review 2026-10');
            assert.match(m.text ?? '', /Attached: surety-monthly-2026-10\.pdf/);
            assert.equal(m.attachments.length, 1);
            const a = m.attachments[0]!;
            assert.equal(a.filename, 'surety-monthly-2026-10.pdf');
            assert.equal(a.contentType, 'application/pdf');
            const file = join(out, `${db.name}-${m.messageId?.replace(/\W/g, '')}.pdf`);
            writeFileSync(file, a.content);
            const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
            assert.match(text, /Monthly quality review/);
            assert.match(text, new RegExp(`#${late}\\b`), 'the breached ticket is in the review');
          }
          // Passes later the same day change nothing.
          time.set('2026-11-01T09:30:00+08:00');
          assert.deepEqual(await app.reports.runOnce(), []);
          await app.consequences.runOnce();
          assert.equal(smtp.messages.length, 2);
          const view = await runs(app);
          assert.equal(view.runs.length, 1);
          assert.deepEqual(
            [
              view.runs[0].schedule,
              view.runs[0].period,
              view.runs[0].status,
              view.runs[0].delivery,
              view.runs[0].attempts,
            ],
            ['monthly-review', '2026-10', 'queued', 'delivered', 1],
          );
          assert.deepEqual(
            view.runs[0].deliveries.map((d: any) => [d.to, d.status, d.deliveredVia]).sort(),
            [
              ['channel:mail', 'delivered', 'mail'],
              ['person:boss', 'delivered', 'mail'],
            ],
          );
          assert.equal(view.runs[0].file.name, 'surety-monthly-2026-10.pdf');
          assert.deepEqual(
            view.schedules.map((s: any) => s.name),
            ['monthly-review'],
            'a disabled schedule is not run',
          );

          await app.close();
          time.set('2026-11-01T10:00:00+08:00');
          app = await boot(location, policy, time);
          assert.deepEqual(
            await app.reports.runOnce(),
            [],
            'the run is recorded: nothing is generated again',
          );
          await app.consequences.runOnce();
          assert.equal(smtp.messages.length, 2, 'and nothing is sent again');
          // The next month's review, when November is over.
          time.set('2026-12-01T09:00:00+08:00');
          assert.deepEqual(await app.reports.runOnce(), [
            { schedule: 'monthly-review', period: '2026-11', outcome: 'queued' },
          ]);
          await app.consequences.runOnce();
          assert.equal(
            smtp.messages.filter((m) => m.subject === 'Monthly quality review 2026-11').length,
            2,
          );
        } finally {
          await app.close();
          await location.cleanup();
        }
      },
    );

    test(
      'a failed generation and a refused delivery are visible and retried',
      { skip: printing.skip },
      async () => {
        printing.ensure();
        smtp.messages.length = 0;
        const location = await db.fresh();
        const time = new ManualTime(Date.parse('2026-10-20T12:00:00+08:00'));
        let app = await boot(location, policy, time, '/nonexistent/chromium');
        try {
          await fill(app);
          assert.deepEqual(await app.reports.runOnce(), []);
          time.set('2026-11-01T09:01:00+08:00');
          const [failed] = await app.reports.runOnce();
          assert.equal(failed!.outcome, 'failed');
          let run = (await runs(app)).runs[0];
          assert.deepEqual([run.status, run.attempts, run.delivery], ['failed', 1, null]);
          assert.match(run.error, /chromium/i);
          assert.equal(
            run.nextAttemptAt,
            '2026-11-01T01:06:00.000Z',
            'tried again five minutes later',
          );
          time.set('2026-11-01T09:03:00+08:00');
          assert.deepEqual(await app.reports.runOnce(), [], 'not before its time');
          await app.close();

          // Chromium fixed, and the mail server refusing for a while.
          smtp.refuse = '451 4.3.0 try again later';
          app = await boot(location, policy, time);
          time.set('2026-11-01T09:06:00+08:00');
          assert.deepEqual(await app.reports.runOnce(), [
            { schedule: 'monthly-review', period: '2026-10', outcome: 'queued' },
          ]);
          await app.consequences.runOnce();
          assert.equal(smtp.messages.length, 0);
          run = (await runs(app)).runs[0];
          assert.deepEqual([run.status, run.attempts, run.delivery], ['queued', 2, 'delivering']);
          assert.ok(
            run.deliveries.every(
              (d: any) => d.status === 'pending' && /451|try again/.test(d.lastError),
            ),
            JSON.stringify(run.deliveries),
          );
          smtp.refuse = null;
          time.set('2026-11-01T09:08:00+08:00'); // the channel's backoff is a minute
          await app.consequences.runOnce();
          assert.equal(smtp.messages.length, 2);
          assert.ok(
            smtp.messages.every((m) => m.attachments[0]?.contentType === 'application/pdf'),
          );
          run = (await runs(app)).runs[0];
          assert.equal(run.delivery, 'delivered');
          assert.deepEqual(await app.reports.runOnce(), []);
          assert.equal(
            (await call(app, 'POST', '/api/v1/reports/runs/monthly-review/2026-10/retry')).status,
            409,
            'a delivered run is not generated again',
          );
          assert.equal(
            (await call(app, 'POST', '/api/v1/reports/runs/monthly-review/2026-09/retry')).status,
            404,
          );
        } finally {
          smtp.refuse = null;
          await app.close();
          await location.cleanup();
        }
      },
    );
  });
}
