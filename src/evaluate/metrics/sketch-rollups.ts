import { QuantileSketch } from './quantile-sketch.js';
import { bucketStart } from '../../domain/buckets.js';
import { MINUTE } from '../../domain/duration.js';

/**
 * Quantile sketches per minute for the series the policy asks quantiles of (response
 * times), kept as deltas: a flush hands over what each minute gathered since the last one,
 * and storage keeps every delta; readers merge the deltas of a minute, and minutes into
 * hours. Appending instead of merging in the database keeps a flush to plain inserts
 * (measured: read-merge-write of sketches was a third of the flush).
 */
export interface SketchDelta {
  readonly series: number;
  readonly bucket: number;
  readonly sketch: QuantileSketch;
}

export class SketchRollups {
  private readonly open = new Map<number, { bucket: number; sketch: QuantileSketch }>();
  private closed: SketchDelta[] = [];

  add(series: number, time: number, value: number): void {
    const bucket = bucketStart(time, MINUTE);
    let o = this.open.get(series);
    if (!o) {
      o = { bucket, sketch: new QuantileSketch() };
      this.open.set(series, o);
    }
    if (bucket === o.bucket) {
      o.sketch.add(value);
    } else if (bucket < o.bucket) {
      const late = new QuantileSketch();
      late.add(value);
      this.closed.push({ series, bucket, sketch: late });
    } else {
      if (o.sketch.count > 0) this.closed.push({ series, bucket: o.bucket, sketch: o.sketch });
      o.bucket = bucket;
      o.sketch = new QuantileSketch();
      o.sketch.add(value);
    }
  }

  /** Everything since the last call; open minutes stay open, emptied. */
  takeDeltas(): SketchDelta[] {
    const out = this.closed;
    this.closed = [];
    for (const [series, o] of this.open) {
      if (o.sketch.count === 0) continue;
      out.push({ series, bucket: o.bucket, sketch: o.sketch });
      o.sketch = new QuantileSketch();
    }
    return out;
  }

  giveBack(deltas: readonly SketchDelta[]): void {
    this.closed.push(...deltas);
  }
}
