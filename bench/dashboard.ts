/**
 * The dashboard benchmark of issue 6 ("fast with a year of data: the overview renders in under
 * a second"): fill a fresh data dir with a generated year (the `surety demo` generator, scaled:
 * 365 days up to a fixed "now", ~50,000 tickets with their histories, metrics every 5 minutes from two hosts) through
 * the real import API and metrics pipeline, start the server on it, and time
 *   (a) GET /api/v1/views/overview over HTTP, 20 runs after one cold run: median and p95;
 *   (b) the overview in headless Chromium: the time the view reports itself (`data-ms`, from the
 *       view's start to its first paint with data) and the time from navigation to that paint,
 *       over 10 page loads, median and p95;
 * on SQLite and/or PostgreSQL. The target (the peer figure the issue names) is 1,000 ms.
 *
 *   npm run build && npm run bench:dashboard -- [--db sqlite|postgres|both] [--days 365] [--tickets-per-day 137]
 *
 * Progress goes to stderr; the results and a final `RESULT …` line go to stdout. Temporary data
 * directories and PostgreSQL schemas are removed at the end unless --keep.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../src/adapters/pdf/chromium-pdf.js';
import { resolveConfig } from '../src/runtime/config.js';
import { runDemo } from '../src/runtime/demo.js';
import { createLogger } from '../src/runtime/logger.js';
import { startServer } from '../src/runtime/server-app.js';
import { ManualTime } from '../src/runtime/time.js';

interface Options {
  dbs: Array<'sqlite' | 'postgres'>;
  days: number;
  ticketsPerDay: number;
  metricStep: number;
  runs: number;
  pageLoads: number;
  keep: boolean;
  pgUrl: string;
  chromium: string;
  now: string;
}

const USAGE = `usage: node dist/bench/dashboard.js [options]

  --db sqlite|postgres|both   which database(s) (default sqlite)
  --days N                    days of generated history up to now (default 365)
  --tickets-per-day N         average tickets a day (default 137: ~50,000 a year)
  --metric-step MINUTES       minutes between metric samples, 0 for none (default 5)
  --runs N                    timed GET /api/v1/views/overview requests (default 20)
  --page-loads N              timed loads of the overview in Chromium (default 10)
  --pg-url URL                PostgreSQL to use (default postgres://postgres@127.0.0.1:5432/test)
  --chromium PATH             headless Chromium (default /usr/bin/chromium)
  --now ISO                   the server's (frozen) clock; the year of data ends here (default
                              2026-10-28T10:00:00Z: late in a month, so the current month, which
                              is always read afresh, holds four weeks of tickets)
  --keep                      keep the data dir and schema, and print where they are`;

function parseArgs(argv: string[]): Options {
  const o: Options = {
    dbs: ['sqlite'],
    days: 365,
    ticketsPerDay: 137,
    metricStep: 5,
    runs: 20,
    pageLoads: 10,
    keep: false,
    pgUrl: 'postgres://postgres@127.0.0.1:5432/test',
    chromium: '/usr/bin/chromium',
    now: '2026-10-28T10:00:00Z',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const int = () => {
      const v = next();
      if (!/^\d+$/.test(v)) throw new Error(`${a}: "${v}" is not a whole number`);
      return Number(v);
    };
    if (a === '--db') {
      const v = next();
      if (!['sqlite', 'postgres', 'both'].includes(v))
        throw new Error(`--db: "${v}" is not sqlite, postgres or both`);
      o.dbs = v === 'both' ? ['sqlite', 'postgres'] : [v as 'sqlite' | 'postgres'];
    } else if (a === '--days') o.days = int();
    else if (a === '--tickets-per-day') o.ticketsPerDay = int();
    else if (a === '--metric-step') o.metricStep = int();
    else if (a === '--runs') o.runs = int();
    else if (a === '--page-loads') o.pageLoads = int();
    else if (a === '--pg-url') o.pgUrl = next();
    else if (a === '--chromium') o.chromium = next();
    else if (a === '--now') {
      o.now = next();
      if (Number.isNaN(Date.parse(o.now))) throw new Error(`--now: "${o.now}" is not a date-time`);
    } else if (a === '--keep') o.keep = true;
    else if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  return o;
}

const log = (m: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${m}\n`);
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};
const ms = (x: number) => `${x.toFixed(0)} ms`;

interface Result {
  db: string;
  tickets: number;
  points: number;
  fillSeconds: number;
  apiCold: number;
  /** How long the server's start-up read of the overview took (ServerApp.warmed). */
  warmMs: number;
  apiMedian: number;
  apiP95: number;
  viewMedian: number;
  viewP95: number;
  navMedian: number;
  navP95: number;
}

async function benchOne(db: 'sqlite' | 'postgres', o: Options): Promise<Result> {
  const dataDir = mkdtempSync(join(tmpdir(), 'surety-bench-dashboard-'));
  const schema = `surety_bench_${randomBytes(4).toString('hex')}`;
  const url =
    db === 'postgres'
      ? `${o.pgUrl}${o.pgUrl.includes('?') ? '&' : '?'}schema=${schema}`
      : undefined;
  const adminToken = `bench-admin-${randomBytes(12).toString('hex')}`;
  const config = {
    ...resolveConfig(
      { port: '0', dataDir, db: url, adminToken, chromium: o.chromium, logLevel: 'warn' },
      {},
    ),
  };
  const logger = createLogger('warn');
  const cleanup = async () => {
    if (o.keep) {
      log(`kept ${dataDir}${url ? ` and schema ${schema}` : ''}`);
      return;
    }
    rmSync(dataDir, { recursive: true, force: true });
    if (db === 'postgres') {
      const client = new pg.Client({ connectionString: o.pgUrl });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
  };
  try {
    log(
      `[${db}] filling ${o.days} days × ~${o.ticketsPerDay} tickets a day, metrics every ${o.metricStep} min …`,
    );
    const t0 = performance.now();
    const time = new ManualTime(Date.parse(o.now));
    const filled = await runDemo(
      config,
      { days: o.days, ticketsPerDay: o.ticketsPerDay, metricStepMinutes: o.metricStep, seed: 7 },
      { logger, time },
    );
    const fillSeconds = (performance.now() - t0) / 1000;
    log(
      `[${db}] ${filled.tickets} tickets, ${filled.points} metric points in ${fillSeconds.toFixed(0)} s`,
    );

    const started = performance.now();
    const app = await startServer(config, { logger, time });
    await app.warmed;
    const warmMs = performance.now() - started;
    try {
      const get = async () => {
        const s = performance.now();
        const r = await fetch(`${app.url}/api/v1/views/overview`, {
          headers: { authorization: `Bearer ${adminToken}` },
        });
        if (r.status !== 200) throw new Error(`overview: HTTP ${r.status} ${await r.text()}`);
        await r.arrayBuffer();
        return performance.now() - s;
      };
      const apiCold = await get();
      const api: number[] = [];
      for (let i = 0; i < o.runs; i++) api.push(await get());
      log(
        `[${db}] (a) overview API: start-up read ${ms(warmMs)}, first call ${ms(apiCold)}, median ${ms(quantile(api, 0.5))}, p95 ${ms(quantile(api, 0.95))}`,
      );

      const profile = mkdtempSync(join(tmpdir(), 'surety-bench-chromium-'));
      const browser = await chromium.launchPersistentContext(profile, {
        executablePath: o.chromium,
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: { width: 1300, height: 900 },
      });
      const view: number[] = [];
      const nav: number[] = [];
      try {
        const page = await browser.newPage();
        await page.goto(`${app.url}/#/overview?token=${encodeURIComponent(adminToken)}`);
        await page.waitForSelector('[data-testid=render-time][data-ms]', { timeout: 60_000 });
        for (let i = 0; i < o.pageLoads; i++) {
          await page.reload();
          await page.waitForSelector('[data-testid=render-time][data-ms]', { timeout: 60_000 });
          view.push(Number(await page.getAttribute('[data-testid=render-time]', 'data-ms')));
          nav.push(
            Number(await page.getAttribute('[data-testid=render-time]', 'data-since-navigation')),
          );
        }
      } finally {
        await browser.close();
        rmSync(profile, { recursive: true, force: true });
      }
      log(
        `[${db}] (b) overview in Chromium: data-ms median ${ms(quantile(view, 0.5))}, p95 ${ms(quantile(view, 0.95))}; from navigation median ${ms(quantile(nav, 0.5))}`,
      );
      return {
        db,
        tickets: filled.tickets,
        points: filled.points,
        fillSeconds,
        apiCold,
        warmMs,
        apiMedian: quantile(api, 0.5),
        apiP95: quantile(api, 0.95),
        viewMedian: quantile(view, 0.5),
        viewP95: quantile(view, 0.95),
        navMedian: quantile(nav, 0.5),
        navP95: quantile(nav, 0.95),
      };
    } finally {
      await app.close();
    }
  } finally {
    await cleanup();
  }
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const results: Result[] = [];
  for (const db of o.dbs) results.push(await benchOne(db, o));
  const rows = [
    ['', ...results.map((r) => r.db), 'target'],
    ['tickets / metric points', ...results.map((r) => `${r.tickets} / ${r.points}`), ''],
    ['fill (import + metrics)', ...results.map((r) => `${r.fillSeconds.toFixed(0)} s`), ''],
    ['start to warm (the server reads the overview once)', ...results.map((r) => ms(r.warmMs)), ''],
    ['(a) GET /views/overview, the first call once warm', ...results.map((r) => ms(r.apiCold)), ''],
    [
      `(a) GET /views/overview, median of ${o.runs}`,
      ...results.map((r) => ms(r.apiMedian)),
      '< 1000 ms',
    ],
    [`(a) GET /views/overview, p95 of ${o.runs}`, ...results.map((r) => ms(r.apiP95)), ''],
    [
      `(b) overview data-ms, median of ${o.pageLoads}`,
      ...results.map((r) => ms(r.viewMedian)),
      '< 1000 ms',
    ],
    [`(b) overview data-ms, p95 of ${o.pageLoads}`, ...results.map((r) => ms(r.viewP95)), ''],
    [`(b) navigation → first paint with data, median`, ...results.map((r) => ms(r.navMedian)), ''],
  ];
  const width = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows)
    process.stdout.write(
      `${r.map((c, i) => (i === 0 ? c.padEnd(width[i]!) : c.padStart(width[i]!))).join('  ')}\n`,
    );
  process.stdout.write(`now ${o.now}; ${o.days} days; ${new Date().toISOString()}\n`);
  process.stdout.write(
    `RESULT overview render (data-ms, median) ${results.map((r) => `${r.db} ${ms(r.viewMedian)}`).join(', ')} (target < 1000 ms)\n`,
  );
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
