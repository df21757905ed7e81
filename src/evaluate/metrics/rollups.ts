/**
 * Per-series rollups kept as deltas: count, sum, min, max, the last value and the highest
 * anomaly score for the open minute and hour of each series, in one Float64Array (13
 * numbers, 104 bytes a series). A flush takes the deltas and storage adds them to what it
 * has, so the same points are never counted twice and late points simply add to their
 * bucket. No object per point; one object per closed bucket.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

export interface RollupDelta {
  readonly series: number;
  readonly resolution: number;
  readonly bucket: number;
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
  readonly last: number;
  readonly lastAt: number;
  readonly scoreMax: number;
}

// One resolution's open bucket: start, count, sum, min, max, last, lastAt, scoreMax.
const START = 0;
const COUNT = 1;
const SUM = 2;
const MIN = 3;
const MAX = 4;
const LAST = 5;
const LAST_AT = 6;
const SCORE = 7;
const WIDTH = 8;
const RESOLUTIONS = [MINUTE_MS, HOUR_MS] as const;
const STRIDE = WIDTH * RESOLUTIONS.length;

export class RollupAccumulator {
  private state = new Float64Array(0);
  private capacity = 0;
  private dirty = new Uint8Array(0);
  private dirtyList: number[] = [];
  /** Buckets closed (or late points) since the last flush. */
  private closed: RollupDelta[] = [];

  /** Bytes of state per series. */
  static readonly bytesPerSeries = STRIDE * 8 + 1;

  ensure(slots: number): void {
    if (slots <= this.capacity) return;
    const capacity = Math.max(slots, this.capacity * 2, 1024);
    const state = new Float64Array(capacity * STRIDE);
    state.set(this.state);
    for (let s = this.capacity; s < capacity; s++) for (let r = 0; r < RESOLUTIONS.length; r++) state[s * STRIDE + r * WIDTH + START] = NaN;
    const dirty = new Uint8Array(capacity);
    dirty.set(this.dirty);
    this.state = state;
    this.dirty = dirty;
    this.capacity = capacity;
  }

  add(series: number, time: number, value: number, score: number): void {
    const st = this.state;
    for (let r = 0; r < RESOLUTIONS.length; r++) {
      const size = RESOLUTIONS[r]!;
      const o = series * STRIDE + r * WIDTH;
      const bucket = time - (((time % size) + size) % size);
      const open = st[o + START]!;
      if (bucket !== open) {
        if (bucket < open) {
          // A late point: its bucket was (or will be) flushed; add it there on its own.
          this.closed.push({ series, resolution: size, bucket, count: 1, sum: value, min: value, max: value, last: value, lastAt: time, scoreMax: score });
          continue;
        }
        if (st[o + COUNT]! > 0) this.closed.push(delta(st, o, series, size));
        st[o + START] = bucket;
        st[o + COUNT] = 0;
      }
      if (st[o + COUNT] === 0) {
        st[o + COUNT] = 1;
        st[o + SUM] = value;
        st[o + MIN] = value;
        st[o + MAX] = value;
        st[o + LAST] = value;
        st[o + LAST_AT] = time;
        st[o + SCORE] = score;
      } else {
        st[o + COUNT]!++;
        st[o + SUM]! += value;
        if (value < st[o + MIN]!) st[o + MIN] = value;
        if (value > st[o + MAX]!) st[o + MAX] = value;
        if (time >= st[o + LAST_AT]!) {
          st[o + LAST] = value;
          st[o + LAST_AT] = time;
        }
        if (score > st[o + SCORE]!) st[o + SCORE] = score;
      }
    }
    if (this.dirty[series] === 0) {
      this.dirty[series] = 1;
      this.dirtyList.push(series);
    }
  }

  /** Everything accumulated since the last call, as deltas; the open buckets stay open, emptied. */
  takeDeltas(): RollupDelta[] {
    const out = this.closed;
    this.closed = [];
    const st = this.state;
    for (const series of this.dirtyList) {
      this.dirty[series] = 0;
      for (let r = 0; r < RESOLUTIONS.length; r++) {
        const o = series * STRIDE + r * WIDTH;
        if (st[o + COUNT]! > 0) {
          out.push(delta(st, o, series, RESOLUTIONS[r]!));
          st[o + COUNT] = 0;
        }
      }
    }
    this.dirtyList = [];
    return out;
  }

  /** Puts back deltas a failed flush could not store, so the next flush stores them. */
  giveBack(deltas: readonly RollupDelta[]): void {
    this.closed.push(...deltas);
  }
}

function delta(st: Float64Array, o: number, series: number, resolution: number): RollupDelta {
  return {
    series,
    resolution,
    bucket: st[o + START]!,
    count: st[o + COUNT]!,
    sum: st[o + SUM]!,
    min: st[o + MIN]!,
    max: st[o + MAX]!,
    last: st[o + LAST]!,
    lastAt: st[o + LAST_AT]!,
    scoreMax: st[o + SCORE]!,
  };
}

/**
 * One delta per bucket: a flush can hold several for the same bucket (late points, a bucket
 * closed and reopened), and one statement may touch a row only once (PostgreSQL's rule).
 */
export function coalesceDeltas(deltas: readonly RollupDelta[]): RollupDelta[] {
  const byBucket = new Map<string, RollupDelta>();
  for (const d of deltas) {
    const key = `${d.series}:${d.resolution}:${d.bucket}`;
    const prev = byBucket.get(key);
    if (!prev) {
      byBucket.set(key, d);
      continue;
    }
    const later = d.lastAt >= prev.lastAt;
    byBucket.set(key, {
      ...prev,
      count: prev.count + d.count,
      sum: prev.sum + d.sum,
      min: Math.min(prev.min, d.min),
      max: Math.max(prev.max, d.max),
      last: later ? d.last : prev.last,
      lastAt: later ? d.lastAt : prev.lastAt,
      scoreMax: Math.max(prev.scoreMax, d.scoreMax),
    });
  }
  return byBucket.size === deltas.length ? [...deltas] : [...byBucket.values()];
}
