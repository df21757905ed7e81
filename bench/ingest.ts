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
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeBodies } from './ingest-bodies.js';
import { memory, type Memory } from './ingest-memory.js';
import { ingestOptions, type Options } from './ingest-options.js';
import { report } from './ingest-report.js';
import { influx, surety, writePolicy, type Workload } from './ingest-runs.js';
import { GLIBC_DEFAULT_ENV, NPM_START_ENV } from './ingest-surety.js';
import { prepareWrk, stopWrk } from './ingest-wrk.js';
import { defer, freshSchema, runBenchmark, runCleanups } from './kit/cleanup.js';
import { formatInt as fmtInt, log } from './kit/report.js';

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

runBenchmark(async () => {
  const o = ingestOptions();
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
    o.db === 'postgres' ? freshSchema(o.pgUrl).url : undefined,
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
        o.db === 'postgres' ? freshSchema(o.pgUrl).url : undefined,
        NPM_START_ENV,
        'as npm start runs the server',
      ),
    );
    mems.push(
      await memory(
        o,
        tmp,
        policy,
        o.db === 'postgres' ? freshSchema(o.pgUrl).url : undefined,
        GLIBC_DEFAULT_ENV,
        "with glibc's malloc defaults",
      ),
    );
  }
  await runCleanups();
  report(o, w, runs, mems, s.profile, s.profileFile);
}, stopWrk);
