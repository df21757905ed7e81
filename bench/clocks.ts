import { seeded } from '../src/domain/random.js';
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
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { resolveConfig } from '../src/runtime/config.js';
import { createLogger } from '../src/runtime/logger.js';
import { startServer, type ServerApp } from '../src/runtime/server-app.js';
import { ManualTime } from '../src/runtime/time.js';
import { sweepClocks } from '../src/services/clocks/sweep.js';
import { SYSTEM } from '../src/services/context.js';
import type { LoadJob, LoadResult } from './api-load-worker.js';

// ---------------------------------------------------------------------------------------
// Options

interface Options {
  tickets: number;
  dbs: Array<'sqlite' | 'postgres'>;
  apiRequests: number;
  concurrency: number;
  importBatch: number;
  importConcurrency: number;
  queryRuns: number;
  sweep: boolean;
  keep: boolean;
  shuffle: boolean;
  pgUrl: string;
  seed: number;
}

const USAGE = `usage: node dist/bench/clocks.js [options]

  --tickets N             open tickets to load before timing (default 1000000)
  --db sqlite|postgres|both
                          which database(s) to benchmark (default both)
  --api-requests N        timed POST /api/v1/tickets requests (default 10000)
  --concurrency N         API requests in flight (default 16)
  --import-batch N        tickets per POST /api/v1/tickets/import, at most 10000 (default 10000)
  --import-concurrency N  import requests in flight (default 2)
  --query-runs N          timed runs of the next-minute query (default 20)
  --no-sweep              skip timing one full sweep
  --shuffle               load tickets in random creation order (default: oldest first, so ids
                          follow creation time as in a live system; random order scatters the
                          clocks due together over the table: the worst case for the heap)
  --keep                  keep the loaded databases (data directory, PostgreSQL schema) for a
                          closer look afterwards; the benchmark prints where they are
  --pg-url URL            PostgreSQL to use (default postgres://postgres@127.0.0.1:5432/test);
                          the benchmark works in a fresh schema surety_bench_<random> and drops it
  --seed N                seed of the generated tickets (default 1)
`;

function parseOptions(argv: readonly string[]): Options {
  const o: Options = {
    tickets: 1_000_000,
    dbs: ['sqlite', 'postgres'],
    apiRequests: 10_000,
    concurrency: 16,
    importBatch: 10_000,
    importConcurrency: 2,
    queryRuns: 20,
    sweep: true,
    keep: false,
    shuffle: false,
    pgUrl: 'postgres://postgres@127.0.0.1:5432/test',
    seed: 1,
  };
  const args = [...argv];
  const fail = (msg: string): never => {
    process.stderr.write(`${msg}\n\n${USAGE}`);
    process.exit(2);
  };
  const int = (
    name: string,
    text: string | undefined,
    min: number,
    max = Number.MAX_SAFE_INTEGER,
  ) => {
    const n = Number(text);
    if (text === undefined || !/^\d+$/.test(text) || n < min || n > max)
      fail(`${name}: expected a whole number from ${min} to ${max}, got "${text ?? ''}"`);
    return n;
  };
  while (args.length > 0) {
    let arg = args.shift()!;
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const take = () => value ?? args.shift();
    switch (arg) {
      case '--tickets':
        o.tickets = int(arg, take(), 0);
        break;
      case '--db': {
        const v = take();
        if (v === 'both') o.dbs = ['sqlite', 'postgres'];
        else if (v === 'sqlite' || v === 'postgres') o.dbs = [v];
        else fail(`--db: expected sqlite, postgres or both, got "${v ?? ''}"`);
        break;
      }
      case '--api-requests':
        o.apiRequests = int(arg, take(), 0);
        break;
      case '--concurrency':
        o.concurrency = int(arg, take(), 1, 1000);
        break;
      case '--import-batch':
        o.importBatch = int(arg, take(), 1, 10_000);
        break;
      case '--import-concurrency':
        o.importConcurrency = int(arg, take(), 1, 16);
        break;
      case '--query-runs':
        o.queryRuns = int(arg, take(), 1, 10_000);
        break;
      case '--no-sweep':
        o.sweep = false;
        break;
      case '--shuffle':
        o.shuffle = true;
        break;
      case '--keep':
        o.keep = true;
        break;
      case '--pg-url': {
        const v = take();
        if (!v || !/^postgres(ql)?:\/\//.test(v))
          fail(`--pg-url: expected postgres://…, got "${v ?? ''}"`);
        o.pgUrl = v!;
        break;
      }
      case '--seed':
        o.seed = int(arg, take(), 0, 2 ** 31);
        break;
      case '-h':
      case '--help':
        process.stdout.write(USAGE);
        process.exit(0);
        break;
      default:
        fail(`unknown option "${arg}"`);
    }
  }
  return o;
}

// ---------------------------------------------------------------------------------------
// Helpers

const log = (msg: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
};
/**
 * Other work on the machine skews every figure, so each phase measures it (Linux only):
 * the CPU, in cores, that processes other than this one and PostgreSQL used meanwhile.
 * PostgreSQL counts as ours, whoever its clients were.
 */
function otherCpu(): () => number | undefined {
  const HZ = 100; // USER_HZ: the unit of /proc CPU times on Linux
  const snapshot = () => {
    try {
      const f = readFileSync('/proc/stat', 'utf8')
        .split('\n')[0]!
        .trim()
        .split(/\s+/)
        .slice(1)
        .map(Number);
      // user nice system idle iowait irq softirq: busy is all but idle and iowait.
      const busy = f[0]! + f[1]! + f[2]! + f[5]! + f[6]!;
      let pgTicks = 0;
      for (const pid of readdirSync('/proc')) {
        if (!/^\d+$/.test(pid)) continue;
        try {
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          const close = stat.lastIndexOf(')');
          if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
          const rest = stat.slice(close + 2).split(' ');
          // utime, stime, and the children's (the postmaster collects ended backends and workers).
          pgTicks += Number(rest[11]) + Number(rest[12]) + Number(rest[13]) + Number(rest[14]);
        } catch {
          /* the process ended meanwhile */
        }
      }
      const own = process.cpuUsage();
      return { at: performance.now(), busy, pgTicks, self: (own.user + own.system) / 1e6 };
    } catch {
      return undefined;
    }
  };
  const start = snapshot();
  return () => {
    const end = snapshot();
    if (!start || !end || end.at <= start.at) return undefined;
    const other =
      (end.busy - start.busy - (end.pgTicks - start.pgTicks)) / HZ - (end.self - start.self);
    return Math.max(0, other / ((end.at - start.at) / 1000));
  };
}
const fmtCores = (c: number | undefined) => (c === undefined ? '-' : c.toFixed(2));
const ADMIN_TOKEN = `bench-admin-${randomBytes(12).toString('hex')}`;
const CUSTOMER = 'bench-co';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SPREAD_MS = 48 * HOUR; // ticket createdAt: uniformly over the past two days

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

const fmtMs = (ms: number) =>
  Number.isNaN(ms) ? '-' : ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0);
const fmtInt = (n: number) => (Number.isNaN(n) ? '-' : Math.round(n).toLocaleString('en-US'));
const fmtBytes = (n: number) =>
  n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(2)} GiB` : `${(n / 1024 ** 2).toFixed(0)} MiB`;

/** Cleanups still to run, newest first; run at the end or on Ctrl-C. */
const cleanups: Array<{ name: string; run: () => Promise<void> }> = [];
async function runCleanups() {
  while (cleanups.length > 0) {
    const c = cleanups.pop()!;
    try {
      await c.run();
    } catch (err) {
      log(`cleanup "${c.name}" failed: ${(err as Error).message}`);
    }
  }
}
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    log(`${signal}: cleaning up`);
    void runCleanups().finally(() => process.exit(130));
  });
}

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
// The tickets: a mix of kinds and priorities, created over the past two days

/** [kind, priority, weight]: the clocks each carries come from examples/guarantee.yaml. */
const MIX: ReadonlyArray<readonly [string, string, number]> = [
  ['inquiry', 'general', 35], //  C-01 (15 min)
  ['problem', 'urgent', 10], //   C-01, C-02 (2 h)
  ['problem', 'general', 20], //  C-01, C-03 (24 h)
  ['problem', 'complex', 10], //  C-01, C-04 (72 h)
  ['complaint', 'general', 8], // C-01
  ['suggestion', 'general', 7], // C-01
  ['feedback', 'general', 10], // C-01, F-02 (2 h), F-03 (24 h)
];
const MIX_TOTAL = MIX.reduce((s, m) => s + m[2], 0);
const CHANNELS = ['web', 'email', 'phone', 'chat', 'social', 'api'];
/** Share of tickets whose first response (C-01) was recorded, 1–14 min after creation. */
const ACK_SHARE = 0.7;

/** Tickets `from`…`from + count - 1` of `total`, created over the two days before `now`. */
function ticketBatch(
  rand: () => number,
  now: number,
  from: number,
  count: number,
  total: number,
  shuffle: boolean,
) {
  const tickets: unknown[] = [];
  for (let i = 0; i < count; i++) {
    let r = rand() * MIX_TOTAL;
    let pick = MIX[0]!;
    for (const m of MIX) {
      if ((r -= m[2]) < 0) {
        pick = m;
        break;
      }
    }
    // Oldest first (ids follow creation, as in a live helpdesk), or anywhere in the two days.
    const createdAt =
      now -
      SPREAD_MS +
      Math.floor((shuffle ? rand() * total : from + i + rand()) * (SPREAD_MS / Math.max(1, total)));
    const ticket: Record<string, unknown> = {
      customer: CUSTOMER,
      kind: pick[0],
      priority: pick[1],
      channel: CHANNELS[Math.floor(rand() * CHANNELS.length)],
      subject: `Bench ticket ${from + i}`,
      createdAt: new Date(createdAt).toISOString(),
    };
    if (rand() < ACK_SHARE) {
      const ackAt = createdAt + MINUTE + Math.floor(rand() * 13 * MINUTE);
      if (ackAt <= now)
        ticket.events = [{ type: 'acknowledged', at: new Date(ackAt).toISOString() }];
    }
    tickets.push(ticket);
  }
  return tickets;
}

// ---------------------------------------------------------------------------------------
// Direct looks at the database beside the server: plans, counts, sizes

interface Probe {
  counts(): Promise<{
    tickets: number;
    events: number;
    clocks: number;
    running: number;
    signals: number;
  }>;
  explain(before: number, limit: number): Promise<string[]>;
  /** PostgreSQL: gathers planner statistics as autovacuum would; undefined where not needed. */
  analyze?(): Promise<number>;
  sizeBytes(): Promise<number>;
  close(): Promise<void>;
}

/** The SQL Kysely sends for changingBefore (src/storage/repositories/clocks.ts), with its two parameters. */
const CHANGING_BEFORE_SQL =
  'select * from "ticket_clocks" where "next_at" is not null and "next_at" < $1 order by "next_at" limit $2';

const COUNTS_SQL = `select
  (select count(*) from tickets) as tickets,
  (select count(*) from ticket_events) as events,
  (select count(*) from ticket_clocks) as clocks,
  (select count(*) from ticket_clocks where next_at is not null) as running,
  (select count(*) from signals) as signals`;

function sqliteProbe(file: string): Probe {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  return {
    async counts() {
      const r = db.prepare(COUNTS_SQL).get() as Record<string, number>;
      return {
        tickets: r.tickets!,
        events: r.events!,
        clocks: r.clocks!,
        running: r.running!,
        signals: r.signals!,
      };
    },
    async explain(before, limit) {
      const rows = db
        .prepare(`explain query plan ${CHANGING_BEFORE_SQL.replace('$1', '?').replace('$2', '?')}`)
        .all(before, limit) as Array<{ detail: string }>;
      return rows.map((r) => r.detail);
    },
    async sizeBytes() {
      return [file, `${file}-wal`].filter(existsSync).reduce((s, f) => s + statSync(f).size, 0);
    },
    async close() {
      db.close();
    },
  };
}

async function postgresProbe(baseUrl: string, schema: string): Promise<Probe> {
  const client = new pg.Client({ connectionString: baseUrl, options: `-c search_path=${schema}` });
  await client.connect();
  return {
    async counts() {
      const r = (await client.query(COUNTS_SQL)).rows[0] as Record<string, string>;
      return {
        tickets: Number(r.tickets),
        events: Number(r.events),
        clocks: Number(r.clocks),
        running: Number(r.running),
        signals: Number(r.signals),
      };
    },
    async explain(before, limit) {
      const rows = (
        await client.query(`explain (analyze, buffers) ${CHANGING_BEFORE_SQL}`, [before, limit])
      ).rows as Array<Record<string, string>>;
      return rows.map((r) => r['QUERY PLAN']!);
    },
    async analyze() {
      const t0 = performance.now();
      await client.query('analyze tickets, ticket_events, ticket_clocks, signals');
      return performance.now() - t0;
    },
    async sizeBytes() {
      const r = await client.query(
        `select coalesce(sum(pg_total_relation_size(c.oid)), 0) as bytes from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relkind = 'r'`,
        [schema],
      );
      return Number((r.rows[0] as { bytes: string }).bytes);
    },
    async close() {
      await client.end();
    },
  };
}

// ---------------------------------------------------------------------------------------
// One database

interface Timing {
  min: number;
  median: number;
  max: number;
  found: number;
}

interface DbResult {
  db: 'sqlite' | 'postgres';
  tickets: number;
  loadMs: number;
  counts: Awaited<ReturnType<Probe['counts']>>;
  sizeBytes: number;
  minute: Timing;
  batch: Timing;
  hour: Timing;
  plan: string[];
  analyzed: { ms: number; minute: Timing; plan: string[] } | undefined;
  /** CPU (cores) used by other processes during each phase: see otherCpu. */
  others: Record<'load' | 'query' | 'sweep' | 'api', number | undefined>;
  sweep: { ms: number; tickets: number; signals: number; leftAfter: number } | undefined;
  api:
    | {
        requests: number;
        concurrency: number;
        ms: number;
        rate: number;
        p50: number;
        p99: number;
        max: number;
        failures: number;
        firstFailure: string | undefined;
      }
    | undefined;
}

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
  times.sort((a, b) => a - b);
  return { min: times[0]!, median: percentile(times, 50), max: times[times.length - 1]!, found };
}

function runLoadWorker(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./api-load-worker.js', import.meta.url), {
      workerData: job,
    });
    worker.once('message', (m: { result?: LoadResult; error?: string }) => {
      if (m.result) resolve(m.result);
      else reject(new Error(`API load worker failed: ${m.error}`));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0 && code !== 1) reject(new Error(`API load worker exited with code ${code}`));
    });
  });
}

async function benchDatabase(kind: 'sqlite' | 'postgres', o: Options): Promise<DbResult> {
  const tag = kind;
  const dataDir = mkdtempSync(join(tmpdir(), 'surety-bench-'));
  cleanups.push({
    name: `remove ${dataDir}`,
    run: async () =>
      o.keep
        ? log(`${tag}: --keep: left the data directory ${dataDir}`)
        : rmSync(dataDir, { recursive: true, force: true }),
  });
  let dbUrl: string | undefined;
  let schema = '';
  if (kind === 'postgres') {
    schema = `surety_bench_${randomBytes(5).toString('hex')}`;
    dbUrl = `${o.pgUrl}${o.pgUrl.includes('?') ? '&' : '?'}schema=${schema}`;
    cleanups.push({
      name: `drop schema ${schema}`,
      run: async () => {
        if (o.keep)
          return log(
            `${tag}: --keep: left the schema ${schema}; drop it with: psql ${o.pgUrl.split('?')[0]} -c 'drop schema ${schema} cascade'`,
          );
        const client = new pg.Client({ connectionString: o.pgUrl });
        await client.connect();
        try {
          await client.query(`drop schema if exists "${schema}" cascade`);
          log(`${tag}: dropped schema ${schema}`);
        } finally {
          await client.end();
        }
      },
    });
  }

  // A fixed "now": the import dates clocks against it, and the next minute is [now, now + 60 s).
  const now = Math.floor(Date.now() / 1000) * 1000;
  const time = new ManualTime(now);
  const config = resolveConfig({ port: '0', dataDir, db: dbUrl, adminToken: ADMIN_TOKEN }, {});
  const app = await startServer(config, { time, logger: createLogger('warn'), sweepIntervalMs: 0 });
  cleanups.push({ name: `stop the ${tag} server`, run: () => app.close() });
  log(
    `${tag}: server at ${app.url} on ${app.core.storeDescription}; now = ${new Date(now).toISOString()}`,
  );

  const probe =
    kind === 'sqlite'
      ? sqliteProbe(join(dataDir, 'surety.db'))
      : await postgresProbe(o.pgUrl, schema);
  cleanups.push({ name: `close the ${tag} probe`, run: () => probe.close() });

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
  let meter = otherCpu();
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
        tickets: ticketBatch(rand, now, from, count, o.tickets, o.shuffle),
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
  meter = otherCpu();
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
  if (o.sweep) {
    time.set(now + MINUTE);
    log(`${tag}: one full sweep at now + 60 s`);
    meter = otherCpu();
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
    meter = otherCpu();
    const r = await runLoadWorker({
      url: app.url,
      token: ADMIN_TOKEN,
      customer: CUSTOMER,
      count: o.apiRequests,
      warmup,
      concurrency: o.concurrency,
      seed: o.seed + 7,
    });
    others.api = meter();
    const sorted = [...r.latenciesMs].sort((a, b) => a - b);
    apiResult = {
      requests: r.ok + r.failures,
      concurrency: o.concurrency,
      ms: r.elapsedMs,
      rate: r.ok / (r.elapsedMs / 1000),
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1] ?? NaN,
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

// ---------------------------------------------------------------------------------------
// Report

function report(results: readonly DbResult[], o: Options) {
  const rows: Array<[string, ...string[]]> = [
    ['tickets loaded', ...results.map((r) => fmtInt(r.tickets))],
    ['load time (s)', ...results.map((r) => (r.loadMs / 1000).toFixed(1))],
    ['load rate (tickets/s)', ...results.map((r) => fmtInt(r.tickets / (r.loadMs / 1000)))],
    [
      'ticket events / clock rows',
      ...results.map((r) => `${fmtInt(r.counts.events)} / ${fmtInt(r.counts.clocks)}`),
    ],
    ['clocks with a next change', ...results.map((r) => fmtInt(r.counts.running))],
    ['signals recorded by the import', ...results.map((r) => fmtInt(r.counts.signals))],
    ['database size', ...results.map((r) => fmtBytes(r.sizeBytes))],
    [
      `(a) next-minute query, ${o.queryRuns} runs: clocks found`,
      ...results.map((r) => fmtInt(r.minute.found)),
    ],
    [
      '    min / median / max (ms)',
      ...results.map(
        (r) => `${fmtMs(r.minute.min)} / ${fmtMs(r.minute.median)} / ${fmtMs(r.minute.max)}`,
      ),
    ],
    [
      '    same, limit 500 (sweep batch): median (ms)',
      ...results.map((r) => fmtMs(r.batch.median)),
    ],
    [
      '    next-hour query: clocks, median (ms)',
      ...results.map((r) => `${fmtInt(r.hour.found)}, ${fmtMs(r.hour.median)}`),
    ],
    [
      '    after ANALYZE: min / median / max (ms)',
      ...results.map((r) =>
        r.analyzed
          ? `${fmtMs(r.analyzed.minute.min)} / ${fmtMs(r.analyzed.minute.median)} / ${fmtMs(r.analyzed.minute.max)}`
          : 'n/a',
      ),
    ],
    [
      '    full sweep at now+60s (ms)',
      ...results.map((r) => (r.sweep ? fmtMs(r.sweep.ms) : 'skipped')),
    ],
    [
      '    sweep: tickets refreshed / signals',
      ...results.map((r) =>
        r.sweep ? `${fmtInt(r.sweep.tickets)} / ${fmtInt(r.sweep.signals)}` : '-',
      ),
    ],
    [
      '    sweep: ms per ticket',
      ...results.map((r) =>
        r.sweep && r.sweep.tickets > 0 ? fmtMs(r.sweep.ms / r.sweep.tickets) : '-',
      ),
    ],
    [
      '(b) API create: requests (in flight)',
      ...results.map((r) =>
        r.api ? `${fmtInt(r.api.requests)} (${r.api.concurrency})` : 'skipped',
      ),
    ],
    ['    tickets/s', ...results.map((r) => (r.api ? fmtInt(r.api.rate) : '-'))],
    [
      '    latency p50 / p99 / max (ms)',
      ...results.map((r) =>
        r.api ? `${fmtMs(r.api.p50)} / ${fmtMs(r.api.p99)} / ${fmtMs(r.api.max)}` : '-',
      ),
    ],
    ['    failed requests', ...results.map((r) => (r.api ? String(r.api.failures) : '-'))],
    [
      "other processes' CPU, cores: load/query/sweep/API",
      ...results.map((r) =>
        [r.others.load, r.others.query, r.others.sweep, r.others.api].map(fmtCores).join(' / '),
      ),
    ],
  ];
  const header: [string, ...string[]] = ['', ...results.map((r) => r.db)];
  const widths = header.map((_, i) =>
    Math.max(...[header, ...rows].map((row) => (row[i] ?? '').length)),
  );
  const line = (row: readonly string[]) =>
    row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('   ');
  const out: string[] = [];
  out.push('');
  out.push(
    `Surety clock benchmark: ${fmtInt(o.tickets)} open tickets (${o.shuffle ? 'random' : 'creation'} order), Node ${process.version}, ${cpus().length} CPUs`,
  );
  out.push(line(header));
  out.push(widths.map((w) => '-'.repeat(w)).join('   '));
  for (const row of rows) out.push(line(row));
  for (const r of results) {
    out.push('');
    out.push(
      `${r.db}: plan of the next-minute query (${r.db === 'sqlite' ? 'EXPLAIN QUERY PLAN' : 'EXPLAIN (ANALYZE, BUFFERS)'}):`,
    );
    for (const p of r.plan) out.push(`  ${p}`);
    if (r.analyzed) {
      out.push(`${r.db}: the same after ANALYZE (${fmtMs(r.analyzed.ms)} ms):`);
      for (const p of r.analyzed.plan) out.push(`  ${p}`);
    }
    if (r.sweep && r.sweep.leftAfter > 0)
      out.push(`  WARNING: ${r.sweep.leftAfter} clocks were still due after the sweep`);
    if (r.api?.firstFailure) out.push(`  WARNING: API failures, first: ${r.api.firstFailure}`);
  }
  out.push('');
  out.push(
    `RESULT ${results
      .map(
        (r) =>
          `${r.db}: next-minute query median ${fmtMs(r.minute.median)} ms${r.analyzed ? ` (${fmtMs(r.analyzed.minute.median)} ms after ANALYZE)` : ''} (${r.minute.found} clocks of ${fmtInt(r.tickets)} tickets); ` +
          `load ${fmtInt(r.tickets / (r.loadMs / 1000))} tickets/s; ` +
          (r.sweep ? `sweep ${fmtMs(r.sweep.ms)} ms (${r.sweep.tickets} tickets); ` : '') +
          (r.api
            ? `API create ${fmtInt(r.api.rate)} tickets/s (p50 ${fmtMs(r.api.p50)} ms, p99 ${fmtMs(r.api.p99)} ms)`
            : 'API create skipped'),
      )
      .join(' | ')}`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
}

async function main() {
  const o = parseOptions(process.argv.slice(2));
  log(
    `${fmtInt(o.tickets)} tickets on ${o.dbs.join(' and ')}; ${fmtInt(o.apiRequests)} API requests, ${o.concurrency} in flight`,
  );
  const results: DbResult[] = [];
  try {
    for (const db of o.dbs) results.push(await benchDatabase(db, o));
  } finally {
    await runCleanups();
  }
  report(results, o);
}

main().catch(async (err: unknown) => {
  process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
  await runCleanups();
  process.exit(1);
});
