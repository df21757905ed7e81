/**
 * The throughput phase of bench/ingest.ts: the same wrk run (a warm-up, then the timed run)
 * against Surety in a child process and against InfluxDB 1.6, each measured while it runs.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { DEFAULT_POLICY } from '../src/runtime/paths.js';
import { FIELDS_PER_LINE, MEASUREMENTS } from './ingest-bodies.js';
import { freePort, startInflux } from './ingest-influx.js';
import type { Options } from './ingest-options.js';
import type { ServerStats } from './ingest-server.js';
import { SuretyChild } from './ingest-surety.js';
import { measured, type Usage } from './ingest-usage.js';
import { runWrk, type WrkResult } from './ingest-wrk.js';
import { defer } from './kit/cleanup.js';
import { summarizeProfile, type ProfileSummary } from './kit/cpu.js';
import { formatInt as fmtInt, formatMiB as fmtMiB, log } from './kit/report.js';

export const ADMIN_TOKEN = `bench-admin-${randomBytes(12).toString('hex')}`;
const DATABASE = 'bench';
/** Rounds a second no run will reach (5 M points/s at 2 bodies a round): bounds how far back data time starts. */
const MAX_ROUNDS_PER_SECOND = 400;

export interface Throughput {
  name: string;
  wrk: WrkResult;
  usage: Usage;
  seconds: number;
  pointsPerSecond: number;
  /** The server's own count of accepted points during the timed run (Surety only). */
  serverAccepted: number | undefined;
  series: number | undefined;
}

export interface Workload {
  readonly dir: string;
  readonly script: string;
  readonly bodies: number;
  readonly bodiesPerRound: number;
  readonly pointsPerBody: number;
  readonly bytesPerBody: number;
}

/** A warm-up run (not counted) and a timed run of wrk against `url`, data time moving on from the warm-up. */
export async function drive(
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
export function writePolicy(dir: string, o: Options): string {
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

export async function surety(
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

export async function influx(o: Options, tmp: string, w: Workload): Promise<Throughput> {
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
