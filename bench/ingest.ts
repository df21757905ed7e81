/**
 * The ingest benchmark of the metrics issue: Surety's line-protocol endpoint driven by wrk
 * over loopback (5,000-line bodies, 10,000 series × 2 fields, timestamps moving forward,
 * rollups and the anomaly detector on, every body fsynced before its 204), then InfluxDB 1.6
 * with the same bodies and the same wrk settings, then a memory phase that creates
 * 1,000,000 new series through the endpoint and measures what each costs.
 *
 *   npx tsc -p . && node dist/bench/ingest.js [--seconds 20] [--connections 16] [--series 10000]
 *                                             [--skip-influx] [--db sqlite|postgres] [--profile DIR]
 *
 * Needs wrk and influxd (installs Debian's `wrk` and `influxdb` with apt-get if missing).
 * Progress goes to stderr; the results table and a final `RESULT …` line go to stdout.
 * Temporary directories, servers, influxd and wrk are removed / stopped at the end, also on
 * failure and Ctrl-C.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DEFAULT_POLICY } from '../src/runtime/paths.js';
import { formatProfile, summarizeProfile, type ProfileSummary } from './kit/cpu.js';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { FIELDS_PER_LINE, MEASUREMENTS, freshSeriesBody, makeBodies } from './ingest-bodies.js';
import { startInflux } from './ingest-influx.js';
import type { ServerJob, ServerReply, ServerRequest, ServerStats } from './ingest-server.js';
import { prepareWrk, runWrk, stopWrk, type WrkResult } from './ingest-wrk.js';

// ---------------------------------------------------------------------------------------
// Options

interface Options {
  seconds: number;
  warmup: number;
  connections: number;
  series: number;
  lines: number;
  templates: number;
  step: number;
  memorySeries: number;
  skipInflux: boolean;
  db: 'sqlite' | 'postgres';
  pgUrl: string;
  rules: boolean;
  profile: string | undefined;
  serverFlags: string[];
}

const USAGE = `usage: node dist/bench/ingest.js [options]

  --seconds N         length of each timed wrk run (default 20)
  --warmup N          seconds of load before each timed run, not counted (default 5)
  --connections N     wrk connections, all on one wrk thread (-t1 -cN; default 16)
  --series N          series (lines) per round: each has 2 fields, so 2N series keys (default 10000)
  --lines N           lines per body (default 5000); --series must be a multiple of it
  --templates N       rounds of distinct values before they repeat (default 10: 20 bodies)
  --step S            data time between rounds, seconds (default 10, Telegraf's interval)
  --memory-series N   new series keys created in the memory phase (default 1000000; 0 skips it)
  --skip-influx       do not run InfluxDB
  --db sqlite|postgres
                      Surety's database (default sqlite)
  --pg-url URL        with --db postgres (default postgres://postgres@127.0.0.1:5432/test); the
                      benchmark works in a fresh schema and drops it
  --no-rules          no metrics section in the policy: no rules, sketches or anomaly alerts (rollups
                      and the detector's score on every point stay)
  --profile DIR       run Surety under node --cpu-prof, keep the profile in DIR, print its top
                      functions
  --server-flags "…"  extra node flags for the Surety process (e.g. "--max-semi-space-size=64")
`;

function parseOptions(argv: readonly string[]): Options {
  const o: Options = {
    seconds: 20,
    warmup: 5,
    connections: 16,
    series: 10_000,
    lines: 5_000,
    templates: 10,
    step: 10,
    memorySeries: 1_000_000,
    skipInflux: false,
    db: 'sqlite',
    pgUrl: 'postgres://postgres@127.0.0.1:5432/test',
    rules: true,
    profile: undefined,
    serverFlags: [],
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
      case '--seconds':
        o.seconds = int(arg, take(), 1, 3600);
        break;
      case '--warmup':
        o.warmup = int(arg, take(), 0, 600);
        break;
      case '--connections':
        o.connections = int(arg, take(), 1, 1000);
        break;
      case '--series':
        o.series = int(arg, take(), 1, 10_000_000);
        break;
      case '--lines':
        o.lines = int(arg, take(), 1, 100_000);
        break;
      case '--templates':
        o.templates = int(arg, take(), 1, 1000);
        break;
      case '--step':
        o.step = int(arg, take(), 1, 86_400);
        break;
      case '--memory-series':
        o.memorySeries = int(arg, take(), 0, 10_000_000);
        break;
      case '--skip-influx':
        o.skipInflux = true;
        break;
      case '--db': {
        const v = take();
        if (v !== 'sqlite' && v !== 'postgres')
          fail(`--db: expected sqlite or postgres, got "${v ?? ''}"`);
        o.db = v as Options['db'];
        break;
      }
      case '--pg-url': {
        const v = take();
        if (!v || !/^postgres(ql)?:\/\//.test(v))
          fail(`--pg-url: expected postgres://…, got "${v ?? ''}"`);
        o.pgUrl = v!;
        break;
      }
      case '--no-rules':
        o.rules = false;
        break;
      case '--profile': {
        const v = take();
        if (!v) fail('--profile: expected a directory');
        o.profile = resolve(v!);
        break;
      }
      case '--server-flags':
        o.serverFlags = (take() ?? '').split(/\s+/).filter((f) => f !== '');
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
  if (o.series % o.lines !== 0)
    fail(`--series (${o.series}) must be a multiple of --lines (${o.lines})`);
  return o;
}

// ---------------------------------------------------------------------------------------
// Helpers

const log = (msg: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
};
const fmtInt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '-');
const fmtMiB = (n: number) => `${(n / 1024 ** 2).toFixed(0)} MiB`;
const fmtMs = (us: number) => (us / 1000 < 10 ? (us / 1000).toFixed(2) : (us / 1000).toFixed(0));

/** Cleanups still to run, newest first; run at the end, on failure or on Ctrl-C. */
const cleanups: Array<{ name: string; run: () => Promise<void> | void }> = [];
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
/** Registers a cleanup; returns a function that runs it now (and only once). */
function defer(name: string, run: () => Promise<void> | void): () => Promise<void> {
  const entry = { name, run };
  cleanups.push(entry);
  return async () => {
    const i = cleanups.indexOf(entry);
    if (i < 0) return;
    cleanups.splice(i, 1);
    await run();
  };
}
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    log(`${signal}: cleaning up`);
    stopWrk();
    void runCleanups().finally(() => process.exit(130));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolvePort(port));
    });
  });
}

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** wrk and influxd from Debian's packages, installed if missing. */
function ensureTools(o: Options): void {
  const missing = [
    has('wrk') ? undefined : 'wrk',
    o.skipInflux || has('influxd') ? undefined : 'influxdb',
  ].filter((p): p is string => p !== undefined);
  if (missing.length === 0) return;
  log(`installing ${missing.join(' ')} (apt-get)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '-q', ...missing], { stdio: ['ignore', 2, 2], env })
      .status === 0;
  if (!install()) {
    spawnSync('apt-get', ['update', '-q'], { stdio: ['ignore', 2, 2], env });
    if (!install())
      throw new Error(
        `could not install ${missing.join(' ')}; install them (apt-get install -y wrk influxdb) and run again`,
      );
  }
  // Debian's package may start a service of its own; the benchmark runs its own influxd.
  if (missing.includes('influxdb'))
    spawnSync('sh', ['-c', 'service influxdb stop'], { stdio: 'ignore' });
}

// --- /proc readings (Linux) ------------------------------------------------------------

const HZ = 100; // USER_HZ: the unit of /proc CPU times

/** utime + stime of a process (all its threads), in seconds; NaN once it is gone. */
function cpuSeconds(pid: number, file = `/proc/${pid}/stat`): number {
  try {
    const stat = readFileSync(file, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) / HZ;
  } catch {
    return NaN;
  }
}

/** CPU seconds of each thread of a process, by thread id. */
function threadSeconds(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const c = cpuSeconds(Number(tid), `/proc/${pid}/task/${tid}/stat`);
      if (Number.isFinite(c)) out.set(Number(tid), c);
    }
  } catch {
    /* the process ended */
  }
  return out;
}

function rssBytes(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** CPU seconds of every process now: pid → [name, seconds]. */
function allProcesses(): Map<number, [string, number]> {
  const out = new Map<number, [string, number]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(entry), [name, (Number(rest[11]) + Number(rest[12])) / HZ]);
    } catch {
      /* ended meanwhile */
    }
  }
  return out;
}

/** Busy CPU seconds of the whole machine. */
function machineBusySeconds(): number {
  const f = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return (f[0]! + f[1]! + f[2]! + f[5]! + f[6]!) / HZ;
}

interface Usage {
  /** Cores the server used, on average. */
  serverCores: number;
  wrkCores: number;
  /** Everything else on the machine (this process included): should be near 0. */
  otherCores: number;
  /** The processes behind otherCores, busiest first: "name (pid) 0.42". */
  others: string[];
  rssPeak: number;
  rssMean: number;
  rssEnd: number;
  /** The server's busiest threads: "main 0.98, thread 2 0.61, …" (a thread at 1.00 is the bottleneck). */
  threads: string;
}

/** Samples the server's (and wrk's) CPU and memory while `during` runs. */
async function measured<T>(
  serverPid: number,
  during: (onWrk: (pid: number) => void) => Promise<T>,
): Promise<{ result: T; usage: Usage }> {
  let wrkPid = 0;
  let wrkStart = NaN;
  let wrkLast = NaN;
  const rss: number[] = [];
  const t0 = performance.now();
  const s0 = cpuSeconds(serverPid);
  const t0s = threadSeconds(serverPid);
  const m0 = machineBusySeconds();
  const p0 = allProcesses();
  const timer = setInterval(() => {
    const r = rssBytes(serverPid);
    if (Number.isFinite(r)) rss.push(r);
    if (wrkPid) {
      const c = cpuSeconds(wrkPid);
      if (Number.isFinite(c)) wrkLast = c;
    }
  }, 250);
  let result: T;
  try {
    result = await during((pid) => {
      wrkPid = pid;
      wrkStart = cpuSeconds(pid);
      if (!Number.isFinite(wrkStart)) wrkStart = 0;
    });
  } finally {
    clearInterval(timer);
  }
  const seconds = (performance.now() - t0) / 1000;
  const server = cpuSeconds(serverPid) - s0;
  const threads = [...threadSeconds(serverPid)]
    .map(([tid, c]) => [tid, (c - (t0s.get(tid) ?? 0)) / seconds] as const)
    .filter(([, c]) => c >= 0.02)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([tid, c]) => `${tid === serverPid ? 'main' : `thread ${tid}`} ${c.toFixed(2)}`)
    .join(', ');
  const wrk = Number.isFinite(wrkLast) ? wrkLast - wrkStart : 0;
  const machine = machineBusySeconds() - m0;
  const end = rssBytes(serverPid);
  const others: Array<[string, number]> = [];
  for (const [pid, [name, cpu]] of allProcesses()) {
    if (pid === serverPid || pid === wrkPid || pid === process.pid) continue;
    const used = (cpu - (p0.get(pid)?.[1] ?? 0)) / seconds;
    if (used >= 0.02) others.push([`${name} (${pid})`, used]);
  }
  others.sort((a, b) => b[1] - a[1]);
  return {
    result,
    usage: {
      serverCores: server / seconds,
      wrkCores: wrk / seconds,
      otherCores: Math.max(0, (machine - server - wrk) / seconds),
      others: others.slice(0, 4).map(([n, c]) => `${n} ${c.toFixed(2)}`),
      rssPeak: Math.max(...rss, end),
      rssMean: rss.length > 0 ? rss.reduce((a, b) => a + b, 0) / rss.length : end,
      rssEnd: end,
      threads,
    },
  };
}

// --- Surety in a child process ------------------------------------------------------------

class SuretyChild {
  private next = 1;
  private readonly waiting = new Map<number, (r: ServerReply) => void>();
  readonly url: string;
  readonly pid: number;

  private constructor(
    private readonly child: ChildProcess,
    url: string,
  ) {
    this.url = url;
    this.pid = child.pid!;
    child.on('message', (m: ServerReply) => {
      if ('id' in m) {
        this.waiting.get(m.id)?.(m);
        this.waiting.delete(m.id);
      }
    });
  }

  static start(
    job: ServerJob,
    nodeFlags: readonly string[],
    env: NodeJS.ProcessEnv = NPM_START_ENV,
  ): Promise<SuretyChild> {
    const script = fileURLToPath(new URL('./ingest-server.js', import.meta.url));
    // The server's log lines go to our stderr: stdout is for the results.
    const child = spawn(process.execPath, [...nodeFlags, script, JSON.stringify(job)], {
      stdio: ['ignore', 2, 2, 'ipc'],
      env,
    });
    return new Promise((resolveStart, reject) => {
      child.once('error', reject);
      child.once('exit', (code) =>
        reject(new Error(`the Surety server exited with ${code} before it was ready`)),
      );
      child.once('message', (m: ServerReply) => {
        if ('ready' in m) resolveStart(new SuretyChild(child, m.ready));
        else if ('failed' in m) reject(new Error(`the Surety server failed to start: ${m.failed}`));
      });
    });
  }

  request(op: ServerRequest['op']): Promise<ServerStats | undefined> {
    const id = this.next++;
    return new Promise((resolveReply, reject) => {
      this.waiting.set(id, (r) =>
        'error' in r && r.error
          ? reject(new Error(r.error))
          : resolveReply('stats' in r ? r.stats : undefined),
      );
      this.child.send({ id, op } satisfies ServerRequest);
    });
  }

  /** Stops the server cleanly (so a CPU profile gets written), killing it if that hangs. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 120_000);
    try {
      await Promise.race([this.request('stop'), exited]);
      await exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

// ---------------------------------------------------------------------------------------
// The phases

const ADMIN_TOKEN = `bench-admin-${randomBytes(12).toString('hex')}`;
/**
 * The environment `npm start` gives the server (package.json): glibc's mmap threshold fixed,
 * so that large buffers go back to the system when freed (see the README's configuration).
 */
const NPM_START_ENV: NodeJS.ProcessEnv = { ...process.env, MALLOC_MMAP_THRESHOLD_: '131072' };
/** glibc's defaults: the threshold rises with every large buffer freed, up to 32 MiB. */
const GLIBC_DEFAULT_ENV: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !k.startsWith('MALLOC_')),
);
const DATABASE = 'bench';
/** Rounds a second no run will reach (5 M points/s at 2 bodies a round): bounds how far back data time starts. */
const MAX_ROUNDS_PER_SECOND = 400;

interface Throughput {
  name: string;
  wrk: WrkResult;
  usage: Usage;
  seconds: number;
  pointsPerSecond: number;
  /** The server's own count of accepted points during the timed run (Surety only). */
  serverAccepted: number | undefined;
  series: number | undefined;
}

interface Memory {
  label: string;
  series: number;
  baseSeries: number;
  rssBefore: number;
  /** After the load, before the new series are flushed to the database. */
  rssLoaded: number;
  rssAfter: number;
  heapBefore: number;
  heapAfter: number;
  loadSeconds: number;
  flushSeconds: number;
  bytesPerSeriesRss: number;
  bytesPerSeriesHeap: number;
}

interface Workload {
  readonly dir: string;
  readonly script: string;
  readonly bodies: number;
  readonly bodiesPerRound: number;
  readonly pointsPerBody: number;
  readonly bytesPerBody: number;
}

/** A warm-up run (not counted) and a timed run of wrk against `url`, data time moving on from the warm-up. */
async function drive(
  name: string,
  url: string,
  path: string,
  pid: number,
  w: Workload,
  o: Options,
  onTimedStart?: () => Promise<void>,
): Promise<Omit<Throughput, 'serverAccepted' | 'series'>> {
  const nowS = Math.floor(Date.now() / 1000);
  const span = (o.seconds + o.warmup + 10) * MAX_ROUNDS_PER_SECOND * o.step;
  const timedBase = nowS - span;
  const warmBase = timedBase - (o.warmup + 5) * MAX_ROUNDS_PER_SECOND * o.step;
  const common = {
    url,
    path,
    dir: w.dir,
    bodies: w.bodies,
    bodiesPerRound: w.bodiesPerRound,
    stepSeconds: o.step,
    connections: o.connections,
  };
  if (o.warmup > 0) {
    log(`${name}: warm-up, ${o.warmup} s`);
    const warm = await runWrk(w.script, { ...common, baseSeconds: warmBase, seconds: o.warmup });
    const socketErrors = warm.connectErrors + warm.readErrors + warm.writeErrors + warm.timeouts;
    log(
      `${name}: warm-up: ${fmtInt((warm.ok * w.pointsPerBody) / (warm.durationUs / 1e6))} points/s, ${warm.other} non-204, ${socketErrors} socket errors`,
    );
    if (warm.ok === 0)
      throw new Error(
        `${name}: no body was accepted during the warm-up; first error: ${warm.firstError || '(none; socket errors only)'}`,
      );
  }
  await onTimedStart?.();
  log(`${name}: timed run, ${o.seconds} s, ${o.connections} connections`);
  const { result: wrk, usage } = await measured(pid, (onWrk) =>
    runWrk(w.script, { ...common, baseSeconds: timedBase, seconds: o.seconds, onStart: onWrk }),
  );
  const seconds = wrk.durationUs / 1e6;
  const pointsPerSecond = (wrk.ok * w.pointsPerBody) / seconds;
  log(
    `${name}: ${fmtInt(pointsPerSecond)} points/s (${fmtInt(wrk.ok)} bodies in ${seconds.toFixed(1)} s), ${wrk.other} non-204, server CPU ${usage.serverCores.toFixed(2)} cores, RSS peak ${fmtMiB(usage.rssPeak)}`,
  );
  if (wrk.firstError) log(`${name}: first error: ${wrk.firstError}`);
  return { name, wrk, usage, seconds, pointsPerSecond };
}

/**
 * The policy: examples/guarantee.yaml as it is (its metric rules watch the benchmark's
 * http_requests, cpu and mem series, with p95 sketches on latency) plus anomaly alerts on every
 * benchmark measurement; with --no-rules, no metrics section at all (rollups and detector
 * scores only).
 */
function writePolicy(dir: string, o: Options): string {
  const file = join(dir, 'policy.yaml');
  const doc = parseYaml(readFileSync(DEFAULT_POLICY, 'utf8')) as Record<string, unknown>;
  if (o.rules) {
    const metrics = (doc.metrics ?? {}) as { anomalies?: unknown[] };
    metrics.anomalies = [
      ...(metrics.anomalies ?? []),
      ...MEASUREMENTS.map(([m]) => ({ series: { measurement: m.split(',')[0]! } })),
    ];
    doc.metrics = metrics;
  } else {
    delete doc.metrics;
  }
  writeFileSync(file, stringifyYaml(doc));
  return file;
}

async function surety(
  o: Options,
  tmp: string,
  w: Workload,
  policy: string,
  dbUrl: string | undefined,
): Promise<{
  run: Throughput;
  profile: ProfileSummary | undefined;
  profileFile: string | undefined;
}> {
  const dataDir = join(tmp, 'surety-throughput');
  mkdirSync(dataDir);
  const flags = [
    ...o.serverFlags,
    ...(o.profile ? ['--cpu-prof', `--cpu-prof-dir=${o.profile}`] : []),
  ];
  if (o.profile) mkdirSync(o.profile, { recursive: true });
  const before = o.profile ? new Set(readdirSync(o.profile)) : new Set<string>();
  const server = await SuretyChild.start(
    {
      dataDir,
      db: dbUrl,
      adminToken: ADMIN_TOKEN,
      policy,
      maxSeries: 2 * o.series * FIELDS_PER_LINE + 100_000,
    },
    flags,
  );
  const stop = defer('stop the Surety server', () => server.stop());
  log(
    `surety: server at ${server.url} (pid ${server.pid}) on ${o.db}${o.profile ? ', profiling' : ''}`,
  );
  // InfluxDB's own path and credentials: the very requests InfluxDB gets below.
  const path = `/write?db=${DATABASE}&precision=ns&u=bench&p=${ADMIN_TOKEN}`;
  let start: ServerStats | undefined;
  const run = await drive('surety', server.url, path, server.pid, w, o, async () => {
    start = await server.request('stats');
  });
  const end = await server.request('stats');
  await stop();
  let profile: ProfileSummary | undefined;
  let profileFile: string | undefined;
  if (o.profile) {
    const written = readdirSync(o.profile).filter(
      (f) => f.endsWith('.cpuprofile') && !before.has(f),
    );
    if (written.length > 0) {
      profileFile = join(o.profile, written[0]!);
      profile = summarizeProfile(profileFile);
    } else log('surety: no CPU profile was written');
  }
  return {
    run: {
      ...run,
      serverAccepted: start && end ? end.accepted - start.accepted : undefined,
      series: end?.series,
    },
    profile,
    profileFile,
  };
}

async function influx(o: Options, tmp: string, w: Workload): Promise<Throughput> {
  const dir = join(tmp, 'influxdb');
  const db = await startInflux(dir, await freePort(), await freePort(), DATABASE);
  const stop = defer('stop influxd', () => db.stop());
  log(`influxdb: influxd at ${db.url} (pid ${db.pid}), data in ${dir}`);
  const run = await drive(
    'influxdb',
    db.url,
    `/write?db=${DATABASE}&precision=ns&u=bench&p=${ADMIN_TOKEN}`,
    db.pid,
    w,
    o,
  );
  await stop();
  rmSync(dir, { recursive: true, force: true });
  return { ...run, serverAccepted: undefined, series: undefined };
}

/** Memory per series: RSS and heap of a fresh server before and after `o.memorySeries` new series. */
async function memory(
  o: Options,
  tmp: string,
  policy: string,
  dbUrl: string | undefined,
  env: NodeJS.ProcessEnv,
  label: string,
): Promise<Memory> {
  const dataDir = join(tmp, `surety-memory-${label.replace(/\W+/g, '-')}`);
  mkdirSync(dataDir);
  const server = await SuretyChild.start(
    { dataDir, db: dbUrl, adminToken: ADMIN_TOKEN, policy, maxSeries: o.memorySeries + 200_000 },
    [...o.serverFlags, '--expose-gc'],
    env,
  );
  const stop = defer('stop the memory-phase server', () => server.stop());
  log(
    `memory (${label}): server at ${server.url} (pid ${server.pid}); creating ${fmtInt(o.memorySeries)} series`,
  );
  const linesPerBody = 5_000;
  const timeNs = `${Math.floor(Date.now() / 1000) - 3600}000000000`;
  let sentLines = 0;
  const send = async (lines: number) => {
    const res = await fetch(`${server.url}/api/v1/write?precision=ns`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${ADMIN_TOKEN}`,
        'content-type': 'text/plain; charset=utf-8',
      },
      body: freshSeriesBody(sentLines, lines, timeNs),
    });
    if (res.status !== 204)
      throw new Error(`memory phase: HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`);
    sentLines += lines;
  };
  // A base that already has every code path warm and the first detector bank allocated.
  const baseLines = Math.min(10_000, Math.floor(o.memorySeries / FIELDS_PER_LINE / 10));
  for (let l = 0; l < baseLines; l += linesPerBody)
    await send(Math.min(linesPerBody, baseLines - l));
  await server.request('flush');
  const before = (await server.request('gc'))!;
  const totalLines = Math.ceil(o.memorySeries / FIELDS_PER_LINE);
  const t0 = performance.now();
  let lastLog = t0;
  while (sentLines < totalLines) {
    await send(Math.min(linesPerBody, totalLines - sentLines));
    if (performance.now() - lastLog > 5000) {
      lastLog = performance.now();
      log(`memory: ${fmtInt(sentLines * FIELDS_PER_LINE)} series`);
    }
  }
  const loadSeconds = (performance.now() - t0) / 1000;
  const loaded = (await server.request('gc'))!;
  const t1 = performance.now();
  await server.request('flush'); // the new series go to the database: part of what they cost
  const flushSeconds = (performance.now() - t1) / 1000;
  const after = (await server.request('gc'))!;
  await stop();
  const added = after.series - before.series;
  const heap = (s: ServerStats) => s.heapUsed + s.arrayBuffers + (s.external - s.arrayBuffers);
  const m: Memory = {
    label,
    series: after.series,
    baseSeries: before.series,
    rssBefore: before.rss,
    rssLoaded: loaded.rss,
    rssAfter: after.rss,
    heapBefore: heap(before),
    heapAfter: heap(after),
    loadSeconds,
    flushSeconds,
    bytesPerSeriesRss: (after.rss - before.rss) / added,
    bytesPerSeriesHeap: (heap(after) - heap(before)) / added,
  };
  log(
    `memory (${label}): ${fmtInt(added)} series added in ${loadSeconds.toFixed(1)} s (+ ${flushSeconds.toFixed(1)} s flush): RSS ${fmtMiB(before.rss)} → ${fmtMiB(after.rss)}, ${fmtInt(m.bytesPerSeriesRss)} B/series`,
  );
  return m;
}

async function postgresSchema(o: Options): Promise<string> {
  const schema = `surety_bench_${randomBytes(5).toString('hex')}`;
  defer(`drop schema ${schema}`, async () => {
    const client = new pg.Client({ connectionString: o.pgUrl });
    await client.connect();
    try {
      await client.query(`drop schema if exists "${schema}" cascade`);
    } finally {
      await client.end();
    }
  });
  return `${o.pgUrl}${o.pgUrl.includes('?') ? '&' : '?'}schema=${schema}`;
}

// ---------------------------------------------------------------------------------------
// Report

function report(
  o: Options,
  w: Workload,
  runs: Throughput[],
  mems: Memory[],
  profile: ProfileSummary | undefined,
  profileFile: string | undefined,
): void {
  const rows: Array<[string, ...string[]]> = [
    [
      'accepted points/s (204s × points per body / time)',
      ...runs.map((r) => fmtInt(r.pointsPerSecond)),
    ],
    [
      'bodies accepted (204) / other statuses',
      ...runs.map((r) => `${fmtInt(r.wrk.ok)} / ${fmtInt(r.wrk.other)}`),
    ],
    [
      'socket errors: connect / read / write / timeout',
      ...runs.map(
        (r) =>
          `${r.wrk.connectErrors} / ${r.wrk.readErrors} / ${r.wrk.writeErrors} / ${r.wrk.timeouts}`,
      ),
    ],
    ['timed run (s)', ...runs.map((r) => r.seconds.toFixed(1))],
    [
      'latency p50 / p99 / max (ms)',
      ...runs.map((r) => `${fmtMs(r.wrk.p50Us)} / ${fmtMs(r.wrk.p99Us)} / ${fmtMs(r.wrk.maxUs)}`),
    ],
    [
      'received MB/s (requests)',
      ...runs.map((r) => ((r.wrk.sent * w.bytesPerBody) / r.seconds / 1e6).toFixed(0)),
    ],
    ['server CPU (cores of 2)', ...runs.map((r) => r.usage.serverCores.toFixed(2))],
    ['busiest server threads (cores)', ...runs.map((r) => r.usage.threads)],
    ['wrk CPU (cores)', ...runs.map((r) => r.usage.wrkCores.toFixed(2))],
    ['other CPU on the machine (cores)', ...runs.map((r) => r.usage.otherCores.toFixed(2))],
    [
      'server RSS mean / peak',
      ...runs.map((r) => `${fmtMiB(r.usage.rssMean)} / ${fmtMiB(r.usage.rssPeak)}`),
    ],
    [
      'server-counted points in the timed run',
      ...runs.map((r) => (r.serverAccepted === undefined ? '-' : fmtInt(r.serverAccepted))),
    ],
    [
      'series held by the server',
      ...runs.map((r) => (r.series === undefined ? '-' : fmtInt(r.series))),
    ],
  ];
  const header: [string, ...string[]] = [
    '',
    ...runs.map((r) => (r.name === 'influxdb' ? 'InfluxDB 1.6' : `Surety (${o.db})`)),
  ];
  const widths = header.map((_, i) =>
    Math.max(...[header, ...rows].map((row) => (row[i] ?? '').length)),
  );
  const line = (row: readonly string[]) =>
    row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('   ');
  const out: string[] = [''];
  out.push(
    `Ingest benchmark: wrk -t1 -c${o.connections} -d${o.seconds}s (after ${o.warmup} s warm-up), ${fmtInt(w.bodies)} bodies of ${fmtInt(o.lines)} lines ` +
      `(${fmtInt(w.pointsPerBody)} points, ~${fmtInt(w.bytesPerBody / 1024)} KiB), ${fmtInt(o.series)} series × ${FIELDS_PER_LINE} fields = ${fmtInt(o.series * FIELDS_PER_LINE)} series keys, ` +
      `data time +${o.step} s a round; POST /write?db=…&precision=ns; Node ${process.version}, ${cpus().length} CPUs`,
  );
  out.push(
    `Surety: rollups + detector on every point${o.rules ? ", examples/guarantee.yaml's metric rules (p95 sketches on http_requests latency, cpu/mem/error-ratio rules) + anomaly alerts on every series" : ', no metric rules'}, WAL fsync before each 204, flush to ${o.db} every 5 s`,
  );
  out.push(line(header));
  out.push(widths.map((wd) => '-'.repeat(wd)).join('   '));
  for (const row of rows) out.push(line(row));
  for (const mem of mems) {
    out.push('');
    out.push(
      `Memory per series, ${mem.label} (fresh server, ${fmtInt(mem.series - mem.baseSeries)} new series keys through POST /api/v1/write, flushed, after GC in every thread):`,
    );
    out.push(
      `  RSS ${fmtMiB(mem.rssBefore)} → ${fmtMiB(mem.rssAfter)}: ${fmtInt(mem.bytesPerSeriesRss)} B/series → ${((mem.bytesPerSeriesRss * 1e6) / 1024 ** 3).toFixed(2)} GiB per 1,000,000 series`,
    );
    out.push(
      `  (RSS before the flush that stores the new series: ${fmtMiB(mem.rssLoaded)}, ${fmtInt((mem.rssLoaded - mem.rssBefore) / (mem.series - mem.baseSeries))} B/series)`,
    );
    out.push(
      `  JS heap + buffers ${fmtMiB(mem.heapBefore)} → ${fmtMiB(mem.heapAfter)}: ${fmtInt(mem.bytesPerSeriesHeap)} B/series`,
    );
    out.push(
      `  load ${mem.loadSeconds.toFixed(1)} s (${fmtInt((mem.series - mem.baseSeries) / mem.loadSeconds)} new series/s), flush of the new series ${mem.flushSeconds.toFixed(1)} s`,
    );
  }
  for (const r of runs) {
    if (r.wrk.firstError)
      out.push(`WARNING: ${r.name}: non-204 responses; first: ${r.wrk.firstError}`);
    const sock = r.wrk.connectErrors + r.wrk.readErrors + r.wrk.writeErrors + r.wrk.timeouts;
    if (sock > 0) out.push(`WARNING: ${r.name}: ${sock} socket errors`);
    if (r.usage.otherCores > 0.15) {
      out.push(
        `WARNING: ${r.name}: other work used ${r.usage.otherCores.toFixed(2)} cores during the run (kernel included); the figures may be low. Busiest other processes: ${r.usage.others.join(', ') || 'none (kernel threads, interrupts)'}`,
      );
    }
  }
  if (profile) {
    out.push('');
    out.push(`Surety CPU profile (${profileFile}; whole server lifetime, warm-up and timed run):`);
    out.push(formatProfile(profile));
  }
  const s = runs.find((r) => r.name === 'surety')!;
  const i = runs.find((r) => r.name === 'influxdb');
  const parts = [`RESULT surety ${fmtInt(s.pointsPerSecond)} points/s`];
  parts.push(i ? `influxdb 1.6 ${fmtInt(i.pointsPerSecond)} points/s` : 'influxdb skipped');
  parts.push(i ? `ratio ${(s.pointsPerSecond / i.pointsPerSecond).toFixed(2)}` : 'ratio -');
  parts.push(`cpu ${s.usage.serverCores.toFixed(2)} cores, rss ${fmtMiB(s.usage.rssPeak)}`);
  const [mem, glibc] = mems;
  const gib = (m: Memory) => ((m.bytesPerSeriesRss * 1e6) / 1024 ** 3).toFixed(2);
  parts.push(
    mem
      ? `memory ${fmtInt(mem.bytesPerSeriesRss)} B/series (${gib(mem)} GiB per 1M series${glibc ? `; ${gib(glibc)} with glibc's malloc defaults` : ''})`
      : 'memory skipped',
  );
  parts.push(
    `errors ${runs.reduce((n, r) => n + r.wrk.other + r.wrk.connectErrors + r.wrk.readErrors + r.wrk.writeErrors + r.wrk.timeouts, 0)}`,
  );
  out.push('');
  out.push(parts.join(' | '));
  process.stdout.write(`${out.join('\n')}\n`);
}

// ---------------------------------------------------------------------------------------

async function main() {
  const o = parseOptions(process.argv.slice(2));
  ensureTools(o);
  defer('stop wrk', stopWrk);
  const tmp = mkdtempSync(join(tmpdir(), 'surety-ingest-bench-'));
  defer(`remove ${tmp}`, () => rmSync(tmp, { recursive: true, force: true }));
  const wrkDir = join(tmp, 'wrk');
  mkdirSync(wrkDir);
  const set = makeBodies(o.series, o.lines, o.templates);
  const script = prepareWrk(wrkDir, set.bodies);
  const w: Workload = {
    dir: wrkDir,
    script,
    bodies: set.bodies.length,
    bodiesPerRound: set.bodiesPerRound,
    pointsPerBody: set.pointsPerBody,
    bytesPerBody: set.bytesPerBody,
  };
  log(
    `${w.bodies} bodies of ${fmtInt(o.lines)} lines (${fmtInt(w.pointsPerBody)} points, ~${fmtInt(w.bytesPerBody / 1024)} KiB with timestamps) in ${wrkDir}`,
  );
  const policy = writePolicy(tmp, o);

  const s = await surety(
    o,
    tmp,
    w,
    policy,
    o.db === 'postgres' ? await postgresSchema(o) : undefined,
  );
  const runs = [s.run];
  if (!o.skipInflux) runs.push(await influx(o, tmp, w));
  const mems: Memory[] = [];
  if (o.memorySeries > 0) {
    mems.push(
      await memory(
        o,
        tmp,
        policy,
        o.db === 'postgres' ? await postgresSchema(o) : undefined,
        NPM_START_ENV,
        'as npm start runs the server',
      ),
    );
    mems.push(
      await memory(
        o,
        tmp,
        policy,
        o.db === 'postgres' ? await postgresSchema(o) : undefined,
        GLIBC_DEFAULT_ENV,
        "with glibc's malloc defaults",
      ),
    );
  }
  await runCleanups();
  report(o, w, runs, mems, s.profile, s.profileFile);
}

main().catch(async (err: unknown) => {
  process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
  await runCleanups();
  process.exit(1);
});
