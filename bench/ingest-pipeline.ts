/**
 * The metrics pipeline without HTTP: the bodies of bench/ingest.ts fed straight into
 * `MetricsPipeline.ingest`, flushed as the server would at the target rate, timed in this
 * process's CPU time (steadier than wall time on a shared machine). For measuring a change to
 * the hot path before running the whole wrk benchmark.
 *
 *   npx tsc -p . && node dist/bench/ingest-pipeline.js [--rounds N] [--flush-every N] [--no-rules] [--step S]
 *
 * Prints CPU µs per point for ingest (parse, series ids, log, apply) and for flushing, and
 * last the points per second of CPU time the two add up to.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { loadPolicyFile } from '../src/runtime/policy-file.js';
import { ManualTime } from '../src/runtime/time.js';
import { FORMATS } from '../src/services/metrics/formats.js';
import { MetricsPipeline } from '../src/services/metrics/pipeline.js';
import { openStore } from '../src/storage/open-store.js';
import { WriteAheadLog } from '../src/storage/wal/write-ahead-log.js';
import { workerEvaluation } from '../src/runtime/worker-evaluation.js';
import { HOUR, MINUTE, SECOND } from '../src/domain/duration.js';
import { MEASUREMENTS, makeBodies } from './ingest-bodies.js';
import { ownCpuMs as cpu, threadSeconds } from './kit/cpu.js';
import { parseOptions } from './kit/options.js';
import { Report } from './kit/report.js';

const values = parseOptions({
  usage: 'node dist/bench/ingest-pipeline.js [options]',
  options: {
    rounds: {
      type: 'int',
      default: 300,
      min: 1,
      help: 'rounds of bodies (every series once a round)',
    },
    flushEvery: { type: 'int', default: 250, min: 1, help: 'bodies between flushes' },
    noRules: { type: 'flag', help: 'no metrics section in the policy' },
    step: { type: 'int', default: 10, min: 1, arg: 'S', help: 'data time between rounds, seconds' },
    series: { type: 'int', default: 10_000, min: 5000, help: 'series a round, a multiple of 5000' },
    warmup: { type: 'int', default: 20, help: 'rounds of warm-up, not timed' },
    worker: { type: 'flag', help: 'evaluate in a worker thread, as the server does' },
  },
});
const rounds = values.rounds;
const flushEvery = values.flushEvery;
const step = values.step * SECOND;

const set = makeBodies(values.series, 5000, 10);
const tmp = mkdtempSync(join(tmpdir(), 'surety-pipeline-bench-'));
const policyFile = join(tmp, 'policy.yaml');
const doc = parseYaml(
  readFileSync(new URL('../../examples/guarantee.yaml', import.meta.url), 'utf8'),
) as Record<string, unknown>;
if (values.noRules) delete doc.metrics;
else {
  const metrics = (doc.metrics ?? {}) as { anomalies?: unknown[] };
  metrics.anomalies = [
    ...(metrics.anomalies ?? []),
    ...MEASUREMENTS.map(([m]) => ({ series: { measurement: m.split(',')[0]! } })),
  ];
  doc.metrics = metrics;
}
writeFileSync(policyFile, JSON.stringify(doc));
const policy = loadPolicyFile(policyFile);

const base = Date.parse('2026-10-01T00:00:00Z');
const time = new ManualTime(base + rounds * step + MINUTE);
const { store } = await openStore({ url: undefined, dataDir: tmp });
const log = await WriteAheadLog.open(join(tmp, 'wal'));
const evaluation = values.worker
  ? await workerEvaluation({ url: undefined, dataDir: tmp }, policy.metrics)
  : undefined;
const pipeline = new MetricsPipeline(
  store,
  log,
  time,
  { maxSeries: 1_000_000, maxFutureMs: HOUR },
  policy.metrics,
  evaluation,
);
await pipeline.recover();

// Bodies stamped per round as the wrk script does (ns timestamps appended to every line).
const stamped = (k: number): Buffer => {
  const ns = `${(base + Math.floor(k / set.bodiesPerRound) * step) * 1e6}`;
  return Buffer.from(set.bodies[k % set.bodies.length]!.replaceAll(' \n', ` ${ns}\n`));
};
const bodies = Array.from({ length: rounds * set.bodiesPerRound }, (_, k) => stamped(k));

let ingestMs = 0;
let flushMs = 0;
let points = 0;
const warm = values.warmup * set.bodiesPerRound;
for (let k = 0; k < warm; k++)
  await pipeline.ingest(FORMATS.lineProtocol, bodies[k]!, { precision: 'ns', partial: false });
await pipeline.flush();
const threads0 = threadSeconds('self');
const wall0 = performance.now();
for (let k = warm; k < bodies.length; k++) {
  const t0 = cpu();
  const r = await pipeline.ingest(FORMATS.lineProtocol, bodies[k]!, {
    precision: 'ns',
    partial: false,
  });
  ingestMs += cpu() - t0;
  points += r.points;
  if ((k + 1) % flushEvery === 0) {
    const t1 = cpu();
    await pipeline.flush();
    flushMs += cpu() - t1;
  }
}
const t1 = cpu();
await pipeline.flush();
flushMs += cpu() - t1;
const wallMs = performance.now() - wall0;
const threads1 = threadSeconds('self');
await pipeline.stop();
const signals = (await store.signals.after(0, 10_000_000)).length;
await store.close();
rmSync(tmp, { recursive: true, force: true });

const us = (ms: number) => ((ms * 1000) / points).toFixed(3);
const report = new Report()
  .line(
    `${points.toLocaleString('en')} points timed (after ${warm} bodies of warm-up),  flush every ${flushEvery} bodies, step ${step / 1000} s, rules ${values.noRules ? 'off' : 'on'}`,
  )
  .line(`ingest ${us(ingestMs)} µs/point, flush ${us(flushMs)} µs/point (CPU time, includes GC)`);
const perThread = [...threads1]
  .map(([tid, t]) => ({
    tid,
    name: t.name,
    ms: (t.seconds - (threads0.get(tid)?.seconds ?? 0)) * 1000,
  }))
  .filter((t) => t.ms > 50)
  .sort((a, b) => b.ms - a.ms);
report.line(
  `wall ${(wallMs / 1000).toFixed(1)} s (${Math.round((points / wallMs) * 1000).toLocaleString('en')} points/s); CPU by thread: ${perThread.map((t) => `${t.name}#${t.tid} ${((t.ms * 1000) / points).toFixed(3)} µs/point`).join(', ')}`,
);
report
  .line(`${signals.toLocaleString('en')} signals (rule transitions and anomaly alerts) stored`)
  .print(
    `${Math.round((points / (ingestMs + flushMs)) * 1000).toLocaleString('en')} points per CPU-second`,
  );
