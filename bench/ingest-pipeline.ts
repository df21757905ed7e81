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
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { loadPolicyFile } from '../src/runtime/policy-file.js';
import { ManualTime } from '../src/runtime/time.js';
import { FORMATS } from '../src/services/metrics/formats.js';
import { MetricsPipeline } from '../src/services/metrics/pipeline.js';
import { openStore } from '../src/storage/open-store.js';
import { WriteAheadLog } from '../src/storage/wal/write-ahead-log.js';
import { workerEvaluation } from '../src/runtime/worker-evaluation.js';
import { MEASUREMENTS, makeBodies } from './ingest-bodies.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '300' },
    'flush-every': { type: 'string', default: '250' },
    'no-rules': { type: 'boolean', default: false },
    step: { type: 'string', default: '10' },
    series: { type: 'string', default: '10000' },
    warmup: { type: 'string', default: '20' },
    worker: { type: 'boolean', default: false },
  },
});
const rounds = Number(values.rounds);
const flushEvery = Number(values['flush-every']);
const step = Number(values.step) * 1000;

const set = makeBodies(Number(values.series), 5000, 10);
const tmp = mkdtempSync(join(tmpdir(), 'surety-pipeline-bench-'));
const policyFile = join(tmp, 'policy.yaml');
const doc = parseYaml(
  readFileSync(new URL('../../examples/guarantee.yaml', import.meta.url), 'utf8'),
) as Record<string, unknown>;
if (values['no-rules']) delete doc.metrics;
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
const time = new ManualTime(base + rounds * step + 60_000);
const { store } = await openStore({ url: undefined, dataDir: tmp });
const log = await WriteAheadLog.open(join(tmp, 'wal'));
const evaluation = values.worker
  ? await workerEvaluation({ url: undefined, dataDir: tmp }, policy.metrics)
  : undefined;
const pipeline = new MetricsPipeline(
  store,
  log,
  time,
  { maxSeries: 1_000_000, maxFutureMs: 3_600_000 },
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

const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
let ingestMs = 0;
let flushMs = 0;
let points = 0;
const warm = Number(values.warmup) * set.bodiesPerRound;
for (let k = 0; k < warm; k++)
  await pipeline.ingest(FORMATS.lineProtocol, bodies[k]!, { precision: 'ns', partial: false });
await pipeline.flush();
const threads0 = threadTimes();
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
const threads1 = threadTimes();
await pipeline.stop();
const signals = (await store.signals.after(0, 10_000_000)).length;
await store.close();
rmSync(tmp, { recursive: true, force: true });

const us = (ms: number) => ((ms * 1000) / points).toFixed(3);
console.log(
  `${points.toLocaleString('en')} points timed (after ${warm} bodies of warm-up),  flush every ${flushEvery} bodies, step ${step / 1000} s, rules ${values['no-rules'] ? 'off' : 'on'}`,
);
console.log(
  `ingest ${us(ingestMs)} µs/point, flush ${us(flushMs)} µs/point (CPU time, includes GC)`,
);
const perThread = [...threads1]
  .map(([tid, t]) => ({ tid, name: t.name, ms: t.ms - (threads0.get(tid)?.ms ?? 0) }))
  .filter((t) => t.ms > 50)
  .sort((a, b) => b.ms - a.ms);
console.log(
  `wall ${(wallMs / 1000).toFixed(1)} s (${Math.round((points / wallMs) * 1000).toLocaleString('en')} points/s); CPU by thread: ${perThread.map((t) => `${t.name}#${t.tid} ${((t.ms * 1000) / points).toFixed(3)} µs/point`).join(', ')}`,
);
console.log(`${signals.toLocaleString('en')} signals (rule transitions and anomaly alerts) stored`);
console.log(
  `RESULT ${Math.round((points / (ingestMs + flushMs)) * 1000).toLocaleString('en')} points per CPU-second`,
);

/** CPU time of each thread of this process (from /proc), in ms: which thread does the work. */
function threadTimes(): Map<string, { name: string; ms: number }> {
  const out = new Map<string, { name: string; ms: number }>();
  const tick = 10; // USER_HZ is 100 on Linux
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, { name, ms: (Number(fields[11]) + Number(fields[12])) * tick });
    } catch {
      /* the thread ended */
    }
  }
  return out;
}
