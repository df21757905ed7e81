import type { Instant } from '../../domain/time.js';
import type { QuantileSketch } from '../../evaluate/metrics/quantile-sketch.js';
import type { RawPoints } from '../../evaluate/metrics/raw-points.js';
import { hourDeltas } from '../../evaluate/metrics/hour-deltas.js';
import type { RollupColumns } from '../../evaluate/metrics/rollup-columns.js';
import type { AnomalyAlert, RuleTransition } from '../../evaluate/metrics/rule-engine.js';
import type { Store } from '../store/index.js';
import { CHECKPOINT } from './checkpoint.js';
import type { LogPosition } from './metric-log.js';
import { ruleSignals } from './rule-signals.js';

/** Everything one flush stores: plain data, so another thread can store it. */
export interface FlushBatch {
  /** Minute deltas: the hours are derived from them when stored. */
  readonly deltas: RollupColumns;
  /** Minute sketch deltas, packed: one byte buffer for all (a batch crosses threads as a few buffers, not thousands). */
  readonly sketches: PackedSketches;
  readonly raw: RawPoints;
  readonly newSeries: ReadonlyArray<{ readonly id: number; readonly key: string }>;
  readonly transitions: readonly RuleTransition[];
  readonly alerts: readonly AnomalyAlert[];
  /** How long raw points are kept, when the policy keeps any. */
  readonly rawWindowMs: number | undefined;
}

export interface PackedSketches {
  readonly count: number;
  readonly series: Int32Array;
  readonly bucket: Float64Array;
  /** Sketch k is bytes[ends[k - 1] ?? 0, ends[k]). */
  readonly ends: Int32Array;
  readonly bytes: Uint8Array;
}

/** Packs sketches straight from their counts, each encoded in place (no array per sketch). */
export function packSketchDeltas(
  deltas: ReadonlyArray<{ series: number; bucket: number; sketch: QuantileSketch }>,
): PackedSketches {
  const n = deltas.length;
  let floats = 0;
  for (const d of deltas) floats += d.sketch.encodedLength;
  const values = new Float64Array(floats);
  const out = {
    count: n,
    series: new Int32Array(n),
    bucket: new Float64Array(n),
    ends: new Int32Array(n),
    bytes: new Uint8Array(values.buffer),
  };
  let at = 0;
  for (let k = 0; k < n; k++) {
    const d = deltas[k]!;
    out.series[k] = d.series;
    out.bucket[k] = d.bucket;
    at = d.sketch.encodeInto(values, at);
    out.ends[k] = at * 8;
  }
  return out;
}

export function unpackSketches(
  p: PackedSketches,
): Array<{ series: number; bucket: number; data: Uint8Array }> {
  return Array.from({ length: p.count }, (_, k) => ({
    series: p.series[k]!,
    bucket: p.bucket[k]!,
    data: p.bytes.subarray(k === 0 ? 0 : p.ends[k - 1]!, p.ends[k]!),
  }));
}

/**
 * Stores a flush in one transaction with `covered`, the log position it accounts for: after a
 * crash, replaying the log from there rebuilds exactly what this did not store.
 */
export async function storeFlush(
  store: Store,
  batch: FlushBatch,
  covered: LogPosition,
  now: Instant,
): Promise<void> {
  const { deltas, sketches, raw, newSeries, transitions, alerts } = batch;
  await store.transaction(async (tx) => {
    if (newSeries.length > 0) await tx.metrics.insertSeries(newSeries, now);
    if (deltas.length > 0) {
      await tx.metrics.mergeRollups(deltas);
      await tx.metrics.mergeRollups(hourDeltas(deltas));
    }
    if (sketches.count > 0) await tx.metrics.appendSketches(unpackSketches(sketches));
    if (transitions.length > 0 || alerts.length > 0) {
      // Keys only for the series a signal names: the evaluator keeps no key strings.
      const ids = new Set<number>([
        ...transitions.flatMap((t) => (t.series === undefined ? [] : [t.series])),
        ...alerts.map((a) => a.series),
      ]);
      const keys = new Map((await tx.metrics.findSeriesById([...ids])).map((s) => [s.id, s.key]));
      await tx.signals.append(ruleSignals(transitions, alerts, keys, now));
    }
    if (raw.count > 0) await tx.metrics.insertPoints(raw);
    if (batch.rawWindowMs !== undefined)
      await tx.metrics.deletePointsBefore(now - batch.rawWindowMs);
    await tx.meta.set(CHECKPOINT, `${covered.segment}:${covered.offset}`);
  });
}
