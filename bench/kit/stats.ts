/**
 * The statistics the benchmarks report: nearest-rank percentiles (a percentile is always one of
 * the measured values, never an interpolation between two), medians and summaries of timings.
 */

/** The nearest-rank p-th percentile (0–100) of values sorted ascending; NaN when there are none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** A sorted copy: the input stays in measurement order. */
export const ascending = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);

/** The nearest-rank median of values in any order. */
export const median = (values: readonly number[]): number => percentile(ascending(values), 50);

export interface Summary {
  readonly count: number;
  readonly min: number;
  readonly median: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** Min, median, p95, p99 and max of values in any order (NaN for each when there are none). */
export function summarize(values: readonly number[]): Summary {
  const s = ascending(values);
  return {
    count: s.length,
    min: s[0] ?? NaN,
    median: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: s[s.length - 1] ?? NaN,
  };
}

/** Milliseconds `fn` took, with what it returned. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t0 = performance.now();
  const result = await fn();
  return { ms: performance.now() - t0, result };
}
