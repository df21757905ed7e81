/**
 * Ingest parser throughput: a realistic Prometheus remote-write body (5,000 series × 2 samples,
 * 4–8 labels each, as a Prometheus agent sends a kube/node scrape) parsed over and over into
 * one reused PointBatch; the same points as JSON and as line protocol, for comparison. Also
 * snappy decompression alone: ours (src/sources/ingest/snappy.ts) against snappyjs.
 *
 *   npx tsc -p . && node dist/bench/ingest-parsers.js [--series N] [--samples N] [--seconds S]
 *
 * Each figure is the median of 5 rounds of at least S/5 seconds, as wall-clock time and as this
 * process's CPU time (steadier when other work shares the machine). The last line is the
 * figure: `RESULT remote-write … samples/s`.
 */
import { performance } from 'node:perf_hooks';
import { uncompress } from 'snappyjs';
import { parseJsonPoints } from '../src/sources/ingest/json-points.js';
import { parseLineProtocol } from '../src/sources/ingest/line-protocol.js';
import { PointBatch, type IngestProblem } from '../src/sources/ingest/point-batch.js';
import { parseRemoteWrite } from '../src/sources/ingest/prometheus-remote-write.js';
import { uncompressSnappy } from '../src/sources/ingest/snappy.js';
import { encodeWriteRequest, snappy, type SeriesSpec } from '../test/helpers/remote-write.js';
import { lpLine } from '../test/helpers/ingest.js';
import { parseOptions } from './kit/options.js';
import { Report, formatInt } from './kit/report.js';
import { median } from './kit/stats.js';

const values = parseOptions({
  usage: 'node dist/bench/ingest-parsers.js [options]',
  options: {
    series: { type: 'int', default: 5000, min: 1, help: 'series in the remote-write body' },
    samples: { type: 'int', default: 2, min: 1, help: 'samples per series' },
    seconds: { type: 'number', default: 5, help: 'seconds each figure is measured for (5 rounds)' },
  },
});
const seriesCount = values.series;
const samplesPerSeries = values.samples;
const roundMs = (values.seconds * 1000) / 5;

const NOW = Date.UTC(2026, 9, 5, 8);
const METRICS = [
  'container_cpu_usage_seconds_total',
  'container_memory_working_set_bytes',
  'http_requests_total',
  'http_request_duration_seconds_bucket',
  'node_network_receive_bytes_total',
  'kube_pod_status_ready',
  'up',
  'process_resident_memory_bytes',
];
const series: SeriesSpec[] = [];
for (let s = 0; s < seriesCount; s++) {
  const metric = METRICS[s % METRICS.length]!;
  const labels: Array<[string, string]> = [
    ['__name__', metric],
    ['instance', `10.0.${(s >> 8) & 255}.${s & 255}:9100`],
    ['job', s % 3 === 0 ? 'kubernetes-pods' : 'node-exporter'],
    ['namespace', `team-${s % 17}`],
  ];
  if (metric.startsWith('container'))
    labels.push(
      ['container', `app-${s % 11}`],
      ['pod', `app-${s % 11}-7d9f8b6c5-${(s * 7919).toString(36).slice(0, 5)}`],
    );
  if (metric.startsWith('http'))
    labels.push(['code', s % 5 === 0 ? '500' : '200'], ['method', s % 2 ? 'GET' : 'POST']);
  if (metric.endsWith('_bucket')) labels.push(['le', String(2 ** (s % 12) / 1000)]);
  labels.sort((a, b) => (a[0] < b[0] ? -1 : 1)); // as Prometheus sends them
  const samples = Array.from(
    { length: samplesPerSeries },
    (_, k) =>
      [Math.round(Math.random() * 1e6) / 100, NOW - (samplesPerSeries - k) * 15_000] as const,
  );
  series.push({ labels, samples });
}
const protobuf = encodeWriteRequest(series);
const body = snappy(protobuf);
const points = seriesCount * samplesPerSeries;

const jsonBody = Buffer.from(
  JSON.stringify({
    points: series.flatMap((s) => {
      const name = s.labels.find(([k]) => k === '__name__')![1];
      const tags = Object.fromEntries(s.labels.filter(([k]) => k !== '__name__'));
      return s.samples.map(([v, t]) => ({
        measurement: name,
        tags,
        fields: { value: v },
        time: t,
      }));
    }),
  }),
);
const lpBody = Buffer.from(
  series
    .flatMap((s) => {
      const name = s.labels.find(([k]) => k === '__name__')![1];
      const tags = s.labels.filter(([k]) => k !== '__name__');
      return s.samples.map(([v, t]) => lpLine(name, tags, [['value', v as number]], t));
    })
    .join('\n'),
);

interface Timing {
  /** Median wall-clock ms per call. */
  wall: number;
  /** Median CPU ms per call (this process, all threads): steadier on a shared machine. */
  cpu: number;
}

/** Runs `fn` in 5 rounds of at least roundMs; medians per call. */
function time(fn: () => void): Timing {
  for (let i = 0; i < 20; i++) fn(); // warm-up: let the JIT settle
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < 5; r++) {
    let calls = 0;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let t: number;
    do {
      fn();
      calls++;
      t = performance.now();
    } while (t - t0 < roundMs);
    const c = process.cpuUsage(c0);
    wall.push((t - t0) / calls);
    cpu.push((c.user + c.system) / 1000 / calls);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

const batch = new PointBatch(points);
const problems: IngestProblem[] = [];
const options = { now: NOW, maxFutureMs: 600_000 };
function check(what: string): void {
  if (problems.length > 0 || batch.count !== points)
    throw new Error(
      `${what}: ${batch.count} points, problems ${JSON.stringify(problems.slice(0, 3))}`,
    );
}

const rows: Array<[string, Timing, number, string]> = [];
const fmt = formatInt;

const snappyOurs = time(() => uncompressSnappy(body, 1 << 26));
const snappyJs = time(() => uncompress(body));
rows.push(['snappy, ours', snappyOurs, protobuf.length / 1e6, 'MB/s out']);
rows.push(['snappy, snappyjs', snappyJs, protobuf.length / 1e6, 'MB/s out']);

const json = time(() => {
  batch.truncate(0);
  parseJsonPoints(jsonBody, options, batch, problems);
});
check('json');
rows.push(['JSON points', json, points, 'points/s']);

const lp = time(() => {
  batch.truncate(0);
  parseLineProtocol(lpBody, { ...options, precision: 'ms' }, batch, problems);
});
check('line protocol');
rows.push(['line protocol', lp, points, 'points/s']);

// Prometheus sends one sample per series unless it is catching up: the per-series cost shows here.
const oneEach = snappy(
  encodeWriteRequest(series.map((s) => ({ labels: s.labels, samples: s.samples.slice(-1) }))),
);
const rw1 = time(() => {
  batch.truncate(0);
  parseRemoteWrite(oneEach, options, batch, problems);
});
if (problems.length > 0 || batch.count !== seriesCount)
  throw new Error('remote write, one sample per series');
rows.push([`remote write, ${fmt(seriesCount)} × 1`, rw1, seriesCount, 'samples/s']);

const rw = time(() => {
  batch.truncate(0);
  parseRemoteWrite(body, options, batch, problems);
});
check('remote write');
rows.push([`remote write, ${fmt(seriesCount)} × ${samplesPerSeries}`, rw, points, 'samples/s']);

const report = new Report()
  .line(
    `${fmt(seriesCount)} series × ${samplesPerSeries} samples; remote-write body ${fmt(body.length)} bytes (${fmt(protobuf.length)} decompressed), JSON ${fmt(jsonBody.length)}, line protocol ${fmt(lpBody.length)}`,
  )
  .line(
    `${''.padEnd(28)} ${'ms/body'.padStart(8)} ${'wall rate'.padStart(22)} ${'CPU-time rate'.padStart(22)}`,
  );
for (const [name, t, per, unit] of rows) {
  report.line(
    `${name.padEnd(28)} ${t.wall.toFixed(3).padStart(8)} ${`${fmt(per / (t.wall / 1000))} ${unit}`.padStart(22)} ${`${fmt(per / (t.cpu / 1000))} ${unit}`.padStart(22)}`,
  );
}
report.print(
  `remote-write ${fmt(points / (rw.wall / 1000))} samples/s (${rw.wall.toFixed(2)} ms per ${fmt(points)}-sample body of ${fmt(seriesCount)} series, snappy ${snappyOurs.wall.toFixed(2)} ms of it; CPU time ${fmt(points / (rw.cpu / 1000))} samples/s)`,
);
