/**
 * The results of bench/ingest.ts: Surety and InfluxDB side by side, the memory per series, any
 * warning that makes a figure doubtful, the CPU profile if asked for, and last the RESULT line.
 */
import { cpus } from 'node:os';
import { FIELDS_PER_LINE } from './ingest-bodies.js';
import type { Memory } from './ingest-memory.js';
import type { Options } from './ingest-options.js';
import type { Throughput, Workload } from './ingest-runs.js';
import { formatProfile, type ProfileSummary } from './kit/cpu.js';
import { Report, formatInt as fmtInt, formatMiB as fmtMiB, table, type Row } from './kit/report.js';

/** wrk reports microseconds; the table shows milliseconds, two decimals below 10. */
const fmtMs = (us: number) => (us / 1000 < 10 ? (us / 1000).toFixed(2) : (us / 1000).toFixed(0));

export function report(
  o: Options,
  w: Workload,
  runs: Throughput[],
  mems: Memory[],
  profile: ProfileSummary | undefined,
  profileFile: string | undefined,
): void {
  const rows: Row[] = [
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
  const header: Row = [
    '',
    ...runs.map((r) => (r.name === 'influxdb' ? 'InfluxDB 1.6' : `Surety (${o.db})`)),
  ];
  const out = new Report().line();
  out.line(
    `Ingest benchmark: wrk -t1 -c${o.connections} -d${o.seconds}s (after ${o.warmup} s warm-up), ${fmtInt(w.bodies)} bodies of ${fmtInt(o.lines)} lines ` +
      `(${fmtInt(w.pointsPerBody)} points, ~${fmtInt(w.bytesPerBody / 1024)} KiB), ${fmtInt(o.series)} series × ${FIELDS_PER_LINE} fields = ${fmtInt(o.series * FIELDS_PER_LINE)} series keys, ` +
      `data time +${o.step} s a round; POST /write?db=…&precision=ns; Node ${process.version}, ${cpus().length} CPUs`,
  );
  out.line(
    `Surety: rollups + detector on every point${o.rules ? ", examples/guarantee.yaml's metric rules (p95 sketches on http_requests latency, cpu/mem/error-ratio rules) + anomaly alerts on every series" : ', no metric rules'}, WAL fsync before each 204, flush to ${o.db} every 5 s`,
  );
  out.lines(table(header, rows));
  for (const mem of mems) {
    out.line('');
    out.line(
      `Memory per series, ${mem.label} (fresh server, ${fmtInt(mem.series - mem.baseSeries)} new series keys through POST /api/v1/write, flushed, after GC in every thread):`,
    );
    out.line(
      `  RSS ${fmtMiB(mem.rssBefore)} → ${fmtMiB(mem.rssAfter)}: ${fmtInt(mem.bytesPerSeriesRss)} B/series → ${((mem.bytesPerSeriesRss * 1e6) / 1024 ** 3).toFixed(2)} GiB per 1,000,000 series`,
    );
    out.line(
      `  (RSS before the flush that stores the new series: ${fmtMiB(mem.rssLoaded)}, ${fmtInt((mem.rssLoaded - mem.rssBefore) / (mem.series - mem.baseSeries))} B/series)`,
    );
    out.line(
      `  JS heap + buffers ${fmtMiB(mem.heapBefore)} → ${fmtMiB(mem.heapAfter)}: ${fmtInt(mem.bytesPerSeriesHeap)} B/series`,
    );
    out.line(
      `  load ${mem.loadSeconds.toFixed(1)} s (${fmtInt((mem.series - mem.baseSeries) / mem.loadSeconds)} new series/s), flush of the new series ${mem.flushSeconds.toFixed(1)} s`,
    );
  }
  for (const r of runs) {
    if (r.wrk.firstError)
      out.line(`WARNING: ${r.name}: non-204 responses; first: ${r.wrk.firstError}`);
    const sock = r.wrk.connectErrors + r.wrk.readErrors + r.wrk.writeErrors + r.wrk.timeouts;
    if (sock > 0) out.line(`WARNING: ${r.name}: ${sock} socket errors`);
    if (r.usage.otherCores > 0.15) {
      out.line(
        `WARNING: ${r.name}: other work used ${r.usage.otherCores.toFixed(2)} cores during the run (kernel included); the figures may be low. Busiest other processes: ${r.usage.others.join(', ') || 'none (kernel threads, interrupts)'}`,
      );
    }
  }
  if (profile) {
    out.line('');
    out.line(`Surety CPU profile (${profileFile}; whole server lifetime, warm-up and timed run):`);
    out.line(formatProfile(profile));
  }
  const s = runs.find((r) => r.name === 'surety')!;
  const i = runs.find((r) => r.name === 'influxdb');
  const parts = [`surety ${fmtInt(s.pointsPerSecond)} points/s`];
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
  out.line('');
  out.print(...parts);
}
