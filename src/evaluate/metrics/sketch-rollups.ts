import { QuantileSketch } from './quantile-sketch.js';
import { HOUR_MS, MINUTE_MS } from './rollups.js';

/**
 * Quantile sketches per minute and hour for the series the policy asks quantiles of
 * (response times), kept as deltas like the plain rollups: a flush hands them over and
 * storage merges them into what it holds.
 */
export interface SketchDelta {
  readonly series: number;
  readonly resolution: number;
  readonly bucket: number;
  readonly sketch: QuantileSketch;
}

interface Open {
  bucket: number;
  sketch: QuantileSketch;
}

const RESOLUTIONS = [MINUTE_MS, HOUR_MS] as const;

export class SketchRollups {
  private readonly open = new Map<number, Open[]>();
  private closed: SketchDelta[] = [];

  add(series: number, time: number, value: number): void {
    let slots = this.open.get(series);
    if (!slots) {
      slots = RESOLUTIONS.map(() => ({ bucket: NaN, sketch: new QuantileSketch() }));
      this.open.set(series, slots);
    }
    for (let r = 0; r < RESOLUTIONS.length; r++) {
      const size = RESOLUTIONS[r]!;
      const bucket = time - (((time % size) + size) % size);
      const o = slots[r]!;
      if (bucket === o.bucket) {
        o.sketch.add(value);
      } else if (bucket < o.bucket) {
        const late = new QuantileSketch();
        late.add(value);
        this.closed.push({ series, resolution: size, bucket, sketch: late });
      } else {
        if (o.sketch.count > 0) this.closed.push({ series, resolution: size, bucket: o.bucket, sketch: o.sketch });
        o.bucket = bucket;
        o.sketch = new QuantileSketch();
        o.sketch.add(value);
      }
    }
  }

  /** Everything since the last call, one delta per bucket; open buckets stay open, emptied. */
  takeDeltas(): SketchDelta[] {
    const all = this.closed;
    this.closed = [];
    for (const [series, slots] of this.open) {
      slots.forEach((o, r) => {
        if (o.sketch.count === 0) return;
        all.push({ series, resolution: RESOLUTIONS[r]!, bucket: o.bucket, sketch: o.sketch });
        o.sketch = new QuantileSketch();
      });
    }
    const merged = new Map<string, SketchDelta>();
    for (const d of all) {
      const key = `${d.series}:${d.resolution}:${d.bucket}`;
      const prev = merged.get(key);
      if (prev) prev.sketch.merge(d.sketch);
      else merged.set(key, d);
    }
    return [...merged.values()];
  }

  giveBack(deltas: readonly SketchDelta[]): void {
    this.closed.push(...deltas);
  }
}
