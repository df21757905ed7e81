/**
 * The clock benchmark of the foundation issue: load N open tickets (1,000,000 by default)
 * into a real Surety server, then time
 *   (a) finding every clock that warns or breaches in the next minute — the query the
 *       sweep runs every second (ClockRepository.changingBefore) — and one full sweep, and
 *   (b) ticket creation over the HTTP API with concurrent clients,
 * on SQLite and on PostgreSQL.
 *
 *   npm run build && npm run bench:clocks -- [--tickets N] [--db sqlite|postgres|both] [--api-requests N]
 *
 * Progress goes to stderr; the results table and a final `RESULT …` line go to stdout.
 * Temporary data directories and PostgreSQL schemas are removed at the end (also on Ctrl-C).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { HOUR, MINUTE } from '../src/domain/duration.js';
import { seeded } from '../src/domain/random.js';
import { resolveConfig } from '../src/runtime/config.js';
import { createLogger } from '../src/runtime/logger.js';
import { startServer, type ServerApp } from '../src/runtime/server-app.js';
import { ManualTime } from '../src/runtime/time.js';
import { sweepClocks } from '../src/services/clocks/sweep.js';
import { SYSTEM } from '../src/services/context.js';
import { runApiLoad } from './api-load-worker.js';
import { postgresProbe, sqliteProbe } from './clocks-probe.js';
import { report, type DbResult, type Timing } from './clocks-report.js';
import { ticketBatch } from './clocks-tickets.js';
import { defer, freshSchema, runBenchmark, runCleanups } from './kit/cleanup.js';
import { otherCpu } from './kit/cpu.js';
import { parseOptions, postgresUrl, type OptionValues } from './kit/options.js';
import {
  formatBytes as fmtBytes,
  formatInt as fmtInt,
  formatMs as fmtMs,
  log,
} from './kit/report.js';
import { summarize } from './kit/stats.js';

const CLI = {
  usage: 'node dist/bench/clocks.js [options]',
  options: {
    tickets: { type: 'int', default: 1_000_000, help: 'open tickets to load before timing' },
    db: {
      type: 'choice',
      choices: ['both', 'sqlite', 'postgres'],
      default: 'both',
      help: 'which database(s) to benchmark',
    },
    apiRequests: { type: 'int', default: 10_000, help: 'timed POST /api/v1/tickets requests' },
    concurrency: { type: 'int', default: 16, min: 1, max: 1000, help: 'API requests in flight' },
    importBatch: {
      type: 'int',
      default: 10_000,
      min: 1,
      max: 10_000,
      help: 'tickets per POST /api/v1/tickets/import, at most 10000',
    },
    importConcurrency: {
      type: 'int',
      default: 2,
      min: 1,
      max: 16,
      help: 'import requests in flight',
    },
    queryRuns: {
      type: 'int',
      default: 20,
      min: 1,
      max: 10_000,
      help: 'timed runs of the next-minute query',
    },
    noSweep: { type: 'flag', help: 'skip timing one full sweep' },
    shuffle: {
      type: 'flag',
      help: 'load tickets in random creation order (default: oldest first, so ids follow creation time as in a live system; random order scatters the clocks due together over the table: the worst case for the heap)',
    },
    keep: {
      type: 'flag',
      help: 'keep the loaded databases (data directory, PostgreSQL schema) for a closer look afterwards; the benchmark prints where they are',
    },
    pgUrl: {
      type: 'string',
      arg: 'URL',
      default: 'postgres://postgres@127.0.0.1:5432/test',
      check: postgresUrl,
      help: 'PostgreSQL to use; the benchmark works in a fresh schema surety_bench_<random> and drops it',
    },
    seed: { type: 'int', default: 1, max: 2 ** 31, help: 'seed of the generated tickets' },
  },
} as const;
type Options = OptionValues<typeof CLI.options>;

const ADMIN_TOKEN = `bench-admin-${randomBytes(12).toString('hex')}`;
const CUSTOMER = 'bench-co';

async function api(app: ServerApp, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${app.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${ADMIN_TOKEN}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300)
    throw new Error(`${method} ${path}: HTTP ${res.status}: ${text.slice(0, 500)}`);
  return text === '' ? undefined : JSON.parse(text);
}

// ---------------------------------------------------------------------------------------
// One database

async function timeQuery(
  app: ServerApp,
  before: number,
  runs: number,
  limit = 1_000_000,
): Promise<Timing> {
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const rows = await app.core.store.clocks.changingBefore(before, limit);
    times.push(performance.now() - t0);
    found = rows.length;
  }
  const s = summarize(times);
  return { min: s.min, median: s.median, max: s.max, found };
}

async function benchDatabase(kind: 'sqlite' | 'postgres', o: Options): Promise<DbResult> {
  const tag = kind;
  const dataDir = mkdtempSync(join(tmpdir(), 'surety-bench-'));
  defer(`remove ${dataDir}`, () =>
    o.keep
      ? log(`${tag}: --keep: left the data directory ${dataDir}`)
      : rmSync(dataDir, { recursive: true, force: true }),
  );
  const pgSchema = kind === 'postgres' ? freshSchema(o.pgUrl, o.keep) : undefined;
  const dbUrl = pgSchema?.url;

  // A fixed "now": the import dates clocks against it, and the next minute is [now, now + 60 s).
  const now = Math.floor(Date.now() / 1000) * 1000;
  const time = new ManualTime(now);
  const config = resolveConfig({ port: '0', dataDir, db: dbUrl, adminToken: ADMIN_TOKEN }, {});
  const app = await startServer(config, { time, logger: createLogger('warn'), sweepIntervalMs: 0 });
  defer(`stop the ${tag} server`, () => app.close());
  log(
    `${tag}: server at ${app.url} on ${app.core.storeDescription}; now = ${new Date(now).toISOString()}`,
  );

  const probe =
    kind === 'sqlite'
      ? sqliteProbe(join(dataDir, 'surety.db'))
      : await postgresProbe(o.pgUrl, pgSchema!.schema);
  defer(`close the ${tag} probe`, () => probe.close());

  await api(app, 'POST', '/api/v1/customers', {
    id: CUSTOMER,
    name: 'Bench Co',
    monthlyFee: 10000,
  });

  // --- load ---------------------------------------------------------------------------
  const others: DbResult['others'] = {
    load: undefined,
    query: undefined,
    sweep: undefined,
    api: undefined,
  };
  let meter = otherCpu(['postgres']);
  const rand = seeded(o.seed).next;
  let sent = 0;
  let imported = 0;
  let lastReport = 0;
  const loadStart = performance.now();
  const importer = async () => {
    while (sent < o.tickets) {
      const from = sent;
      const count = Math.min(o.importBatch, o.tickets - sent);
      sent += count;
      const body = JSON.stringify({
        tickets: ticketBatch(CUSTOMER, rand, now, from, count, o.tickets, o.shuffle),
      });
      const reply = (await api(app, 'POST', '/api/v1/tickets/import', body)) as {
        imported: number;
      };
      imported += reply.imported;
      const t = performance.now();
      if (t - lastReport > 5000 || imported === o.tickets) {
        lastReport = t;
        const s = (t - loadStart) / 1000;
        log(
          `${tag}: imported ${fmtInt(imported)}/${fmtInt(o.tickets)} tickets in ${s.toFixed(0)} s (${fmtInt(imported / s)}/s)`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: o.importConcurrency }, importer));
  const loadMs = performance.now() - loadStart;
  const counts = await probe.counts();
  const sizeBytes = await probe.sizeBytes();
  log(
    `${tag}: ${fmtInt(counts.tickets)} tickets, ${fmtInt(counts.clocks)} clocks (${fmtInt(counts.running)} with a next change), ${fmtInt(counts.signals)} signals, ${fmtBytes(sizeBytes)}`,
  );

  // --- (a) the next-minute query, as the sweep runs it ----------------------------------
  others.load = meter();
  meter = otherCpu(['postgres']);
  log(`${tag}: timing changingBefore(now + 60 s, 1000000) x ${o.queryRuns}`);
  const minute = await timeQuery(app, now + MINUTE, o.queryRuns);
  log(`${tag}: next minute: ${minute.found} clocks, median ${fmtMs(minute.median)} ms`);
  // What the sweep itself asks each second: the same query in batches of 500.
  const batch = await timeQuery(app, now + MINUTE, o.queryRuns, 500);
  log(
    `${tag}: next minute, limit 500 (the sweep's batch): ${batch.found} clocks, median ${fmtMs(batch.median)} ms`,
  );
  const hour = await timeQuery(app, now + HOUR, Math.min(5, o.queryRuns));
  log(`${tag}: next hour: ${hour.found} clocks, median ${fmtMs(hour.median)} ms`);
  others.query = meter();
  const plan = await probe.explain(now + MINUTE, 1_000_000);

  // PostgreSQL plans from statistics, which only ANALYZE (or autovacuum) gathers: time the
  // query again once they exist. The sweep and API runs below then see the analyzed tables.
  let analyzed: DbResult['analyzed'];
  if (probe.analyze) {
    const ms = await probe.analyze();
    log(`${tag}: ANALYZE took ${fmtMs(ms)} ms; timing the next-minute query again`);
    const again = await timeQuery(app, now + MINUTE, o.queryRuns);
    log(
      `${tag}: next minute after ANALYZE: ${again.found} clocks, median ${fmtMs(again.median)} ms`,
    );
    analyzed = { ms, minute: again, plan: await probe.explain(now + MINUTE, 1_000_000) };
  }

  let sweep: DbResult['sweep'];
  if (!o.noSweep) {
    time.set(now + MINUTE);
    log(`${tag}: one full sweep at now + 60 s`);
    meter = otherCpu(['postgres']);
    const t0 = performance.now();
    const r = await sweepClocks({ ctx: app.core.context(SYSTEM) });
    const ms = performance.now() - t0;
    others.sweep = meter();
    const leftAfter = (await app.core.store.clocks.changingBefore(now + MINUTE, 1_000_000)).length;
    sweep = { ms, tickets: r.tickets, signals: r.signals.length, leftAfter };
    log(
      `${tag}: sweep refreshed ${r.tickets} tickets, ${r.signals.length} signals, in ${fmtMs(ms)} ms; ${leftAfter} clocks still due after it`,
    );
  }

  // --- (b) ticket creation over the API, on the loaded database --------------------------
  let apiResult: DbResult['api'];
  if (o.apiRequests > 0) {
    const warmup = Math.min(500, Math.max(50, Math.floor(o.apiRequests / 20)));
    log(
      `${tag}: POST /api/v1/tickets x ${fmtInt(o.apiRequests)} (+${warmup} warm-up), ${o.concurrency} in flight`,
    );
    meter = otherCpu(['postgres']);
    const r = await runApiLoad({
      url: app.url,
      token: ADMIN_TOKEN,
      customer: CUSTOMER,
      count: o.apiRequests,
      warmup,
      concurrency: o.concurrency,
      seed: o.seed + 7,
    });
    others.api = meter();
    const latency = summarize(r.latenciesMs);
    apiResult = {
      requests: r.ok + r.failures,
      concurrency: o.concurrency,
      ms: r.elapsedMs,
      rate: r.ok / (r.elapsedMs / 1000),
      p50: latency.median,
      p99: latency.p99,
      max: latency.max,
      failures: r.failures,
      firstFailure: r.firstFailure,
    };
    log(
      `${tag}: ${fmtInt(apiResult.rate)} tickets/s, p50 ${fmtMs(apiResult.p50)} ms, p99 ${fmtMs(apiResult.p99)} ms${r.failures ? `, ${r.failures} FAILED: ${r.firstFailure}` : ''}`,
    );
  }

  // Close the probe, stop the server, drop the schema, remove the data directory.
  await runCleanups();
  return {
    db: kind,
    tickets: imported,
    loadMs,
    counts,
    sizeBytes,
    minute,
    batch,
    hour,
    plan,
    analyzed,
    others,
    sweep,
    api: apiResult,
  };
}

runBenchmark(async () => {
  const o = parseOptions(CLI);
  const dbs = o.db === 'both' ? (['sqlite', 'postgres'] as const) : [o.db];
  log(
    `${fmtInt(o.tickets)} tickets on ${dbs.join(' and ')}; ${fmtInt(o.apiRequests)} API requests, ${o.concurrency} in flight`,
  );
  const results: DbResult[] = [];
  for (const db of dbs) results.push(await benchDatabase(db, o));
  await runCleanups();
  report(results, o);
});
