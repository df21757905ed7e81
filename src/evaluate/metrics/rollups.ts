import { RollupColumns } from './rollup-columns.js';
import { bucketStart } from '../../domain/buckets.js';
import { HOUR, MINUTE } from '../../domain/duration.js';

/**
 * Per-series minute rollups kept as deltas: count, sum, min, max, the last value and the
 * highest anomaly score of each series' open minute, in one Float64Array (8 numbers, 64
 * bytes a series). A flush takes the deltas and storage adds them to what it has, so the same
 * points are never counted twice and late points simply add to their bucket. No object per
 * point; one row per closed minute. Hours are not kept here: an hour's delta is the sum of its
 * minutes' deltas (hour-deltas.ts), which halved this state, the rows of a flush and the work
 * per point (measured: 1 M series held 850 MB of arrays in the evaluator, 300 MB of them hours).
 */

// storage/ still imports the durations under these names; they go once it imports domain/duration.
export { MINUTE as MINUTE_MS, HOUR as HOUR_MS };

// A series' open minute: start, count, sum, min, max, last, lastAt, scoreMax.
const START = 0;
const COUNT = 1;
const SUM = 2;
const MIN = 3;
const MAX = 4;
const LAST = 5;
const LAST_AT = 6;
const SCORE = 7;
const STRIDE = 8;

export class RollupAccumulator {
  private state = new Float64Array(0);
  private capacity = 0;
  private dirty = new Uint8Array(0);
  private dirtyList: number[] = [];
  /** Buckets closed (or late points) since the last flush. */
  private closed = new RollupColumns();
  /** Columns a finished flush gave back, to fill again (growing new ones was 2 % of the worker, measured). */
  private spare: RollupColumns | undefined;

  /** Bytes of state per series. */
  static readonly bytesPerSeries = STRIDE * 8 + 1;

  ensure(slots: number): void {
    if (slots <= this.capacity) return;
    // Half again, not twice: with a million series the unused part of a doubling is tens of MB.
    const capacity = Math.max(slots, Math.ceil(this.capacity * 1.5), 1024);
    const state = new Float64Array(capacity * STRIDE);
    state.set(this.state);
    for (let s = this.capacity; s < capacity; s++) state[s * STRIDE + START] = NaN;
    const dirty = new Uint8Array(capacity);
    dirty.set(this.dirty);
    this.state = state;
    this.dirty = dirty;
    this.capacity = capacity;
  }

  add(series: number, time: number, value: number, score: number): void {
    const st = this.state;
    const o = series * STRIDE;
    const bucket = bucketStart(time, MINUTE);
    const open = st[o + START]!;
    if (bucket !== open) {
      if (bucket < open) {
        // A late point: its minute was (or will be) flushed; add it there on its own.
        this.closed.push(series, MINUTE, bucket, 1, value, value, value, value, time, score);
        this.markDirty(series);
        return;
      }
      if (st[o + COUNT]! > 0) pushBucket(this.closed, st, o, series, 0);
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
    this.markDirty(series);
  }

  private markDirty(series: number): void {
    if (this.dirty[series] === 0) {
      this.dirty[series] = 1;
      this.dirtyList.push(series);
    }
  }

  /** Everything accumulated since the last call, as deltas; the open buckets stay open, emptied. */
  takeDeltas(): RollupColumns {
    const out = this.closed;
    this.closed = this.spare ?? new RollupColumns();
    this.spare = undefined;
    const st = this.state;
    for (const series of this.dirtyList) {
      this.dirty[series] = 0;
      const o = series * STRIDE;
      if (st[o + COUNT]! > 0) {
        pushBucket(out, st, o, series, 1);
        st[o + COUNT] = 0;
      }
    }
    this.dirtyList = [];
    return out;
  }

  /** Puts back deltas a failed flush could not store, so the next flush stores them. */
  giveBack(deltas: RollupColumns): void {
    this.closed.append(deltas);
    this.recycle(deltas);
  }

  /** Takes back the columns of a finished flush, to be filled again. */
  recycle(deltas: RollupColumns): void {
    deltas.length = 0;
    this.spare = deltas;
  }
}

function pushBucket(
  out: RollupColumns,
  st: Float64Array,
  o: number,
  series: number,
  open: number,
): void {
  out.push(
    series,
    MINUTE,
    st[o + START]!,
    st[o + COUNT]!,
    st[o + SUM]!,
    st[o + MIN]!,
    st[o + MAX]!,
    st[o + LAST]!,
    st[o + LAST_AT]!,
    st[o + SCORE]!,
    open,
  );
}
