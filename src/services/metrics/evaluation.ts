import type { Instant } from '../../domain/time.js';
import type { Store } from '../store/index.js';
import { MetricEvaluator, type ResolvedPoints } from './evaluator.js';
import type { LogPosition } from './metric-log.js';
import type { MetricsPolicy } from '../../policy/policy.js';

/**
 * Where the receiving half of the metrics pipeline hands accepted points: declared here, by
 * its user. Calls arrive in log order; `flush` stores everything handed over before it.
 * `localEvaluation` runs the evaluator in this thread; runtime/ plugs in one that runs it in a
 * worker thread, so parsing and evaluating use two cores.
 */
export interface MetricEvaluation {
  /** Loads the stored series (at start, before anything else). */
  load(rows: ReadonlyArray<{ id: number; key: string }>): Promise<void>;
  /** New series, in id order, before the first points that name them. */
  addSeries(rows: ReadonlyArray<{ id: number; key: string }>): void;
  /** Arrays for `n` points to fill and hand to `apply` (reused, so a body allocates nothing). */
  borrow(n: number): ResolvedPoints;
  /** Takes the arrays `borrow` gave (the caller does not touch them again). */
  apply(points: ResolvedPoints): void;
  /** Resolves when the points handed over so far may be handed more of (backpressure). */
  ready(): Promise<void> | undefined;
  /**
   * Takes what was handed over so far (at once, before returning), and stores it with
   * `covered` once `durable` resolves; if that or storing fails, keeps it for the next flush.
   */
  flush(covered: LogPosition, now: Instant, durable: Promise<void>): Promise<void>;
  close(): Promise<void>;
  /**
   * Collects garbage in every thread the evaluation runs, when the process was started with
   * --expose-gc (benchmarks measuring what a series keeps); otherwise does nothing.
   */
  collectGarbage(): Promise<void>;
}

/** A full collection in this thread, if the runtime exposes it. */
export function collectHere(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** The evaluator in this thread, storing through `store`. */
export function localEvaluation(store: Store, policy: MetricsPolicy | undefined): MetricEvaluation {
  const evaluator = new MetricEvaluator(policy);
  // Applied before `apply` returns, so one set of arrays serves every body.
  let spare = newPoints(16_384);
  return {
    load: async (rows) => evaluator.load(rows),
    addSeries: (rows) => evaluator.addSeries(rows),
    borrow: (n) => ({ ...(spare.ids.length >= n ? spare : (spare = newPoints(n))), count: n }),
    apply: (points) => evaluator.apply(points),
    ready: () => undefined,
    flush: (covered, now, durable) => evaluator.flush(store, covered, now, durable),
    close: async () => {},
    collectGarbage: async () => collectHere(),
  };
}

export function newPoints(capacity: number): ResolvedPoints {
  return {
    count: 0,
    ids: new Int32Array(capacity),
    times: new Float64Array(capacity),
    values: new Float64Array(capacity),
  };
}
