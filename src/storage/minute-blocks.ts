import { bucketStart } from '../domain/buckets.js';
import { HOUR_MS, MINUTE_MS } from '../evaluate/metrics/rollups.js';
import type { RollupColumns } from '../evaluate/metrics/rollup-columns.js';
import type { RollupRow } from '../services/store/index.js';

/**
 * Minute rollups are stored as deltas in two shapes, which readers add up minute by minute:
 * - the minutes a flush saw closed (and late points) go as one appended row per series and
 *   hour, a "block", never updated: at a point every 10 s a series closes a minute every 6
 *   points, and a row per minute made the flush the largest cost of ingesting (measured:
 *   420,000 upserts a flush of 2.5 M points; as blocks, 20,000 plain inserts);
 * - the minute still open at a flush goes as a row of metric_rollups, upserted (more points
 *   will come to it). A block updated in place instead would be rewritten whole at every
 *   flush, 3.8 KB for a full hour, where the open minute's row is 90 bytes.
 * A block holds its minutes in order, each as 8 numbers: minute of the hour (0–59), count,
 * sum, min, max, last, lastAt, scoreMax.
 */
export const FIELDS = 8;

export interface Blocks {
  count: number;
  series: Int32Array;
  hour: Float64Array;
  /** Where each block's numbers start in `data`, and how many there are. */
  start: Int32Array;
  length: Int32Array;
  data: Float64Array;
}

/**
 * The closed minutes of `rows` as blocks (several deltas for one minute merged into one),
 * and the indexes of its other rows (open minutes, hours), in series order.
 */
export function toBlocks(rows: RollupColumns): { blocks: Blocks; others: Int32Array } {
  const order = rows.orderBySeries();
  let n = 0;
  for (let k = 0; k < order.length; k++) if (isClosedMinute(rows, order[k]!)) n++;
  const minutes = new Int32Array(n);
  const others = new Int32Array(order.length - n);
  for (let k = 0, m = 0, o = 0; k < order.length; k++) {
    const i = order[k]!;
    if (isClosedMinute(rows, i)) minutes[m++] = i;
    else others[o++] = i;
  }
  const blocks: Blocks = {
    count: 0,
    series: new Int32Array(n),
    hour: new Float64Array(n),
    start: new Int32Array(n),
    length: new Int32Array(n),
    data: new Float64Array(n * FIELDS),
  };
  const d = blocks.data;
  let used = 0;
  for (let a = 0; a < n;) {
    // One series' minute rows, by bucket (they come in time order but for late points).
    const series = rows.series[minutes[a]!]!;
    let b = a;
    while (b < n && rows.series[minutes[b]!] === series) b++;
    let run: ArrayLike<number> = minutes.subarray(a, b);
    if (!isSortedBy(run, rows.bucket))
      run = Array.from(run).sort((x, y) => rows.bucket[x]! - rows.bucket[y]! || x - y);
    let k = 0;
    while (k < run.length) {
      const hour = bucketStart(rows.bucket[run[k]!]!, HOUR_MS);
      const blockStart = used;
      while (k < run.length && rows.bucket[run[k]!]! - hour < HOUR_MS) {
        const i = run[k++]!;
        const minute = (rows.bucket[i]! - hour) / MINUTE_MS;
        if (used > blockStart && d[used - FIELDS] === minute) {
          combine(
            d,
            used - FIELDS,
            rows.count[i]!,
            rows.sum[i]!,
            rows.min[i]!,
            rows.max[i]!,
            rows.last[i]!,
            rows.lastAt[i]!,
            rows.score[i]!,
          );
          continue;
        }
        d[used] = minute;
        d[used + 1] = rows.count[i]!;
        d[used + 2] = rows.sum[i]!;
        d[used + 3] = rows.min[i]!;
        d[used + 4] = rows.max[i]!;
        d[used + 5] = rows.last[i]!;
        d[used + 6] = rows.lastAt[i]!;
        d[used + 7] = rows.score[i]!;
        used += FIELDS;
      }
      const c = blocks.count++;
      blocks.series[c] = series;
      blocks.hour[c] = hour;
      blocks.start[c] = blockStart;
      blocks.length[c] = used - blockStart;
    }
    a = b;
  }
  return { blocks, others };
}

const isClosedMinute = (rows: RollupColumns, i: number) =>
  rows.resolution[i] === MINUTE_MS && rows.open[i] === 0;

/**
 * The minute rollups of one series in [from, to): its stored blocks and minute rows added up,
 * minute by minute (two points at the very same time: the last one read gives `last`).
 */
export function minuteRollups(
  series: number,
  blocks: ReadonlyArray<{ hour: number; data: Float64Array }>,
  rows: readonly RollupRow[],
  from: number,
  to: number,
): RollupRow[] {
  const byMinute = new Map<number, RollupRow>();
  const add = (r: RollupRow) => {
    const have = byMinute.get(r.bucket);
    if (!have) return void byMinute.set(r.bucket, r);
    const later = r.lastAt >= have.lastAt;
    byMinute.set(r.bucket, {
      ...have,
      count: have.count + r.count,
      sum: have.sum + r.sum,
      min: Math.min(have.min, r.min),
      max: Math.max(have.max, r.max),
      last: later ? r.last : have.last,
      lastAt: later ? r.lastAt : have.lastAt,
      scoreMax: Math.max(have.scoreMax, r.scoreMax),
    });
  };
  for (const r of rows) if (r.bucket >= from && r.bucket < to) add(r);
  for (const b of blocks) {
    for (let k = 0; k + FIELDS <= b.data.length; k += FIELDS) {
      const d = b.data;
      const bucket = b.hour + d[k]! * MINUTE_MS;
      if (bucket < from || bucket >= to) continue;
      add({
        series,
        resolution: MINUTE_MS,
        bucket,
        count: d[k + 1]!,
        sum: d[k + 2]!,
        min: d[k + 3]!,
        max: d[k + 4]!,
        last: d[k + 5]!,
        lastAt: d[k + 6]!,
        scoreMax: d[k + 7]!,
      });
    }
  }
  return [...byMinute.values()].sort((x, y) => x.bucket - y.bucket);
}

/** A block as bytes (SQLite's blob), and back (copied, so the numbers are aligned). */
export const blockBytes = (block: Float64Array): Buffer =>
  Buffer.from(block.buffer, block.byteOffset, block.byteLength);
export function blockFromBytes(bytes: Uint8Array): Float64Array {
  const out = new Float64Array(bytes.byteLength / 8);
  new Uint8Array(out.buffer).set(bytes.subarray(0, out.length * 8));
  return out;
}

function combine(
  d: Float64Array,
  o: number,
  count: number,
  sum: number,
  min: number,
  max: number,
  last: number,
  lastAt: number,
  score: number,
): void {
  d[o + 1] = d[o + 1]! + count;
  d[o + 2] = d[o + 2]! + sum;
  if (min < d[o + 3]!) d[o + 3] = min;
  if (max > d[o + 4]!) d[o + 4] = max;
  if (lastAt >= d[o + 6]!) {
    d[o + 5] = last;
    d[o + 6] = lastAt;
  }
  if (score > d[o + 7]!) d[o + 7] = score;
}

function isSortedBy(indexes: ArrayLike<number>, key: Float64Array): boolean {
  for (let k = 1; k < indexes.length; k++)
    if (key[indexes[k]!]! < key[indexes[k - 1]!]!) return false;
  return true;
}
