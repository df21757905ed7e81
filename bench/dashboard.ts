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
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../src/adapters/pdf/chromium-pdf.js';
import { resolveConfig } from '../src/runtime/config.js';
import { runDemo } from '../src/runtime/demo.js';
import { createLogger } from '../src/runtime/logger.js';
import { startServer } from '../src/runtime/server-app.js';
import { ManualTime } from '../src/runtime/time.js';
import { defer, freshSchema, runBenchmark } from './kit/cleanup.js';
import { parseOptions, postgresUrl, type OptionValues } from './kit/options.js';
import { Report, log, table, type Row } from './kit/report.js';
import { percentile, ascending } from './kit/stats.js';

const CLI = {
  usage: 'node dist/bench/dashboard.js [options]',
  options: {
    db: {
      type: 'choice',
      choices: ['sqlite', 'postgres', 'both'],
      default: 'sqlite',
      help: 'which database(s)',
    },
    days: { type: 'int', default: 365, help: 'days of generated history up to now' },
    ticketsPerDay: {
      type: 'int',
      default: 137,
      help: 'average tickets a day (137: ~50,000 a year)',
    },
    metricStep: {
      type: 'int',
      default: 5,
      arg: 'MINUTES',
      help: 'minutes between metric samples, 0 for none',
    },
    runs: { type: 'int', default: 20, min: 1, help: 'timed GET /api/v1/views/overview requests' },
    pageLoads: {
      type: 'int',
      default: 10,
      min: 1,
      help: 'timed loads of the overview in Chromium',
    },
    pgUrl: {
      type: 'string',
      arg: 'URL',
      default: 'postgres://postgres@127.0.0.1:5432/test',
      check: postgresUrl,
      help: 'PostgreSQL to use',
    },
    chromium: {
      type: 'string',
      arg: 'PATH',
      default: '/usr/bin/chromium',
      help: 'headless Chromium',
    },
    now: {
      type: 'string',
      arg: 'ISO',
      default: '2026-10-28T10:00:00Z',
      check: (v: string) => (Number.isNaN(Date.parse(v)) ? 'not a date-time' : undefined),
      help: "the server's (frozen) clock; the year of data ends here (late in a month, so the current month, which is always read afresh, holds four weeks of tickets)",
    },
    keep: { type: 'flag', help: 'keep the data dir and schema, and print where they are' },
  },
} as const;
type Options = OptionValues<typeof CLI.options>;

const quantile = (xs: number[], q: number) => percentile(ascending(xs), q * 100);
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
  const removeDataDir = defer(`remove ${dataDir}`, () =>
    o.keep ? log(`kept ${dataDir}`) : rmSync(dataDir, { recursive: true, force: true }),
  );
  const url = db === 'postgres' ? freshSchema(o.pgUrl, o.keep).url : undefined;
  const adminToken = `bench-admin-${randomBytes(12).toString('hex')}`;
  const config = {
    ...resolveConfig(
      { port: '0', dataDir, db: url, adminToken, chromium: o.chromium, logLevel: 'warn' },
      {},
    ),
  };
  const logger = createLogger('warn');
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
    await removeDataDir();
  }
}

runBenchmark(async () => {
  const o = parseOptions(CLI);
  const dbs = o.db === 'both' ? (['sqlite', 'postgres'] as const) : [o.db];
  const results: Result[] = [];
  for (const db of dbs) results.push(await benchOne(db, o));
  const rows: Row[] = [
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
  new Report()
    .lines(table(['', ...results.map((r) => r.db), 'target'], rows, { gap: 2, rule: false }))
    .line(`now ${o.now}; ${o.days} days; ${new Date().toISOString()}`)
    .print(
      `overview render (data-ms, median) ${results.map((r) => `${r.db} ${ms(r.viewMedian)}`).join(', ')} (target < 1000 ms)`,
    );
});
