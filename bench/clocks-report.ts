/**
 * The results of bench/clocks.ts: one column per database, the plans of the next-minute query,
 * and last the RESULT line with both databases side by side.
 */
import { cpus } from 'node:os';
import type { Probe } from './clocks-probe.js';
import {
  Report,
  formatBytes as fmtBytes,
  formatCores as fmtCores,
  formatInt as fmtInt,
  formatMs as fmtMs,
  table,
  type Row,
} from './kit/report.js';

/** What report() says of the run as a whole. */
export interface RunShape {
  readonly tickets: number;
  readonly shuffle: boolean;
  readonly queryRuns: number;
}

export interface Timing {
  min: number;
  median: number;
  max: number;
  found: number;
}

export interface DbResult {
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

export function report(results: readonly DbResult[], o: RunShape): void {
  const rows: Row[] = [
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
  const out = new Report();
  out.line();
  out.line(
    `Surety clock benchmark: ${fmtInt(o.tickets)} open tickets (${o.shuffle ? 'random' : 'creation'} order), Node ${process.version}, ${cpus().length} CPUs`,
  );
  out.lines(table(['', ...results.map((r) => r.db)], rows));
  for (const r of results) {
    out.line('');
    out.line(
      `${r.db}: plan of the next-minute query (${r.db === 'sqlite' ? 'EXPLAIN QUERY PLAN' : 'EXPLAIN (ANALYZE, BUFFERS)'}):`,
    );
    for (const p of r.plan) out.line(`  ${p}`);
    if (r.analyzed) {
      out.line(`${r.db}: the same after ANALYZE (${fmtMs(r.analyzed.ms)} ms):`);
      for (const p of r.analyzed.plan) out.line(`  ${p}`);
    }
    if (r.sweep && r.sweep.leftAfter > 0)
      out.line(`  WARNING: ${r.sweep.leftAfter} clocks were still due after the sweep`);
    if (r.api?.firstFailure) out.line(`  WARNING: API failures, first: ${r.api.firstFailure}`);
  }
  out.line('');
  out.print(
    ...results.map(
      (r) =>
        `${r.db}: next-minute query median ${fmtMs(r.minute.median)} ms${r.analyzed ? ` (${fmtMs(r.analyzed.minute.median)} ms after ANALYZE)` : ''} (${r.minute.found} clocks of ${fmtInt(r.tickets)} tickets); ` +
        `load ${fmtInt(r.tickets / (r.loadMs / 1000))} tickets/s; ` +
        (r.sweep ? `sweep ${fmtMs(r.sweep.ms)} ms (${r.sweep.tickets} tickets); ` : '') +
        (r.api
          ? `API create ${fmtInt(r.api.rate)} tickets/s (p50 ${fmtMs(r.api.p50)} ms, p99 ${fmtMs(r.api.p99)} ms)`
          : 'API create skipped'),
    ),
  );
}
