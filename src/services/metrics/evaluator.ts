import type { Instant } from '../../domain/time.js';
import { DetectorPool } from '../../evaluate/metrics/detector-pool.js';
import { RawPoints } from '../../evaluate/metrics/raw-points.js';
import { RollupAccumulator } from '../../evaluate/metrics/rollups.js';
import {
  RuleEngine,
  type AnomalyAlert,
  type RuleTransition,
} from '../../evaluate/metrics/rule-engine.js';
import { parseSeriesKey } from '../../evaluate/metrics/series-key.js';
import { selectsSeries } from '../../evaluate/metrics/series-selector.js';
import { SketchRollups } from '../../evaluate/metrics/sketch-rollups.js';
import type { MetricsPolicy } from '../../policy/policy.js';
import type { Store } from '../store/index.js';
import type { LogPosition } from './metric-log.js';
import { packSketchDeltas, storeFlush, unpackSketches, type FlushBatch } from './store-flush.js';
import { QuantileSketch } from '../../evaluate/metrics/quantile-sketch.js';

export const NO_METRICS_POLICY: MetricsPolicy = {
  quantiles: [],
  raw: { windowMs: 3_600_000, series: [] },
  rules: [],
  anomalies: [],
};

const SKETCH = 1;
const RAW = 2;

/** Points of one accepted body, numbers only, their series already resolved to ids. */
export interface ResolvedPoints {
  readonly count: number;
  readonly ids: Int32Array;
  readonly times: Float64Array;
  readonly values: Float64Array;
}

/**
 * The evaluating half of the metrics pipeline: per-series state (rollups, the anomaly
 * detector, metric rules, quantile sketches, raw points) fed with resolved points, and the
 * flush that stores what it gathered — rollup deltas, new series, rule and anomaly signals —
 * together with the log position it covers, in one transaction. It knows nothing of parsing
 * or the log, so it can run in a thread of its own (runtime/metrics-worker.ts) while the
 * receiving half parses the next bodies.
 */
export class MetricEvaluator {
  private readonly rollups = new RollupAccumulator();
  private readonly detectors = new DetectorPool();
  private readonly rules: RuleEngine;
  private readonly sketches = new SketchRollups();
  private readonly raw = new RawPoints();
  /** Per series: what the policy asks of it beyond rollups (SKETCH, RAW bits). */
  private wants = new Uint8Array(1024);
  private size = 0;
  /** Series registered since the last flush, for it to store. */
  private unsaved: Array<{ id: number; key: string }> = [];
  /** Rule transitions and anomaly alerts not yet stored (a failed flush keeps them here). */
  private transitions: RuleTransition[] = [];
  private alerts: AnomalyAlert[] = [];

  constructor(private readonly policy: MetricsPolicy = NO_METRICS_POLICY) {
    this.rules = new RuleEngine(policy.rules, policy.anomalies);
  }

  /** Series stored earlier (id order): matched to the rules, not stored again. */
  load(rows: ReadonlyArray<{ id: number; key: string }>): void {
    for (const r of rows) this.attach(r.id, r.key);
    this.grow(rows.length === 0 ? 0 : rows[rows.length - 1]!.id + 1);
  }

  /** Series the receiving half registered, in id order; stored at the next flush. */
  addSeries(rows: ReadonlyArray<{ id: number; key: string }>): void {
    for (const r of rows) {
      this.attach(r.id, r.key);
      this.unsaved.push(r);
    }
    if (rows.length > 0) this.grow(rows[rows.length - 1]!.id + 1);
  }

  apply(p: ResolvedPoints): void {
    const { count, ids, times, values } = p;
    const rules = this.rules.active ? this.rules : undefined;
    const detectors = this.detectors;
    const rollups = this.rollups;
    const wantsOf = this.wants;
    for (let i = 0; i < count; i++) {
      const series = ids[i]!;
      const t = times[i]!;
      const v = values[i]!;
      const score = detectors.score(series, t, v);
      rollups.add(series, t, v, score);
      rules?.observe(series, t, v, score);
      const wants = wantsOf[series];
      if (wants) {
        if (wants & SKETCH) this.sketches.add(series, t, v);
        if (wants & RAW) this.raw.push(series, t, v);
      }
    }
  }

  /**
   * Takes everything applied so far (synchronously) and stores it, once `durable` resolves,
   * with `covered` as the log position it accounts for; if either fails, keeps it all for the
   * next flush (deltas add up, so later is as good as now).
   */
  async flush(
    store: Store,
    covered: LogPosition,
    now: Instant,
    durable: Promise<void> = Promise.resolve(),
  ): Promise<void> {
    const batch = this.cut(now);
    try {
      await durable;
      await storeFlush(store, batch, covered, now);
      this.recycle(batch);
    } catch (err) {
      this.restore(batch);
      throw err;
    }
  }

  /** What a flush stores, taken out of the state at once (the open buckets stay open, emptied). */
  cut(now: Instant): FlushBatch {
    const sketches = packSketchDeltas(this.sketches.takeDeltas());
    if (this.rules.active) {
      this.transitions.push(...this.rules.evaluate(now));
      this.alerts.push(...this.rules.takeAlerts());
    }
    const batch: FlushBatch = {
      deltas: this.rollups.takeDeltas(),
      sketches,
      raw: this.raw.take(),
      newSeries: this.unsaved,
      transitions: this.transitions,
      alerts: this.alerts,
      rawWindowMs: this.policy.raw.series.length > 0 ? this.policy.raw.windowMs : undefined,
    };
    this.unsaved = [];
    this.transitions = [];
    this.alerts = [];
    return batch;
  }

  /** Takes back a batch that could not be stored, for the next flush to store. */
  restore(batch: FlushBatch): void {
    this.rollups.giveBack(batch.deltas);
    this.sketches.giveBack(
      unpackSketches(batch.sketches).map((s) => ({
        series: s.series,
        bucket: s.bucket,
        sketch: QuantileSketch.fromBytes(s.data),
      })),
    );
    this.raw.giveBack(batch.raw);
    this.unsaved = [...batch.newSeries, ...this.unsaved];
    this.transitions = [...batch.transitions, ...this.transitions];
    this.alerts = [...batch.alerts, ...this.alerts];
  }

  /** Takes back the columns of a stored batch, to be filled again. */
  recycle(batch: FlushBatch): void {
    this.rollups.recycle(batch.deltas);
  }

  private attach(id: number, key: string): void {
    const m = this.policy;
    if (!this.rules.active && m.quantiles.length === 0 && m.raw.series.length === 0) return;
    const parts = parseSeriesKey(key);
    if (this.rules.active) this.rules.attach(id, parts);
    const wants =
      (m.quantiles.some((q) => selectsSeries(q, parts)) ? SKETCH : 0) |
      (m.raw.series.some((q) => selectsSeries(q, parts)) ? RAW : 0);
    if (wants === 0) return;
    if (id >= this.wants.length) {
      const grown = new Uint8Array(Math.max(id + 1, this.wants.length * 2));
      grown.set(this.wants);
      this.wants = grown;
    }
    this.wants[id] = wants;
  }

  private grow(size: number): void {
    if (size <= this.size) return;
    this.size = size;
    this.rollups.ensure(size);
    this.detectors.ensure(size);
    if (this.wants.length < size) {
      const grown = new Uint8Array(Math.max(size, this.wants.length * 2));
      grown.set(this.wants);
      this.wants = grown;
    }
  }
}
