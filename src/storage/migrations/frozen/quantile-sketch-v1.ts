/**
 * A frozen copy, on purpose, of the one thing migration 003 needs from the quantile sketch of
 * its day (evaluate/metrics/quantile-sketch.ts): turning a sketch stored as JSON into the bytes
 * the sketch table holds since. A migration must do tomorrow exactly what it did when it was
 * written, so it does not import the live sketch, which may change its encoding; readers of
 * the bytes are the live sketch's concern (test/storage/migrations/quantile-sketch-v1.test.ts checks they agree).
 * Never edit this file; a new encoding is a new migration with its own frozen copy.
 */

/** A sketch as JSON: bucket index → count for positive and negative values, and the zero bucket. */
export interface SketchDataV1 {
  readonly p: ReadonlyArray<readonly [number, number]>;
  readonly n: ReadonlyArray<readonly [number, number]>;
  readonly z: number;
}

/**
 * The v1 byte encoding as float64s: the zero count, then for the positive and then the negative
 * side the first bucket index with a count, how many buckets follow, and their counts.
 */
export function sketchBytesV1(data: SketchDataV1): Uint8Array {
  const sides = [side(data.p), side(data.n)];
  const out = new Float64Array(1 + sides.reduce((n, s) => n + 2 + s.counts.length, 0));
  let o = 0;
  out[o++] = data.z;
  for (const s of sides) {
    out[o++] = s.first;
    out[o++] = s.counts.length;
    for (const c of s.counts) out[o++] = c;
  }
  return new Uint8Array(out.buffer);
}

/** One side's counts from its first to its last bucket that is not zero (repeated buckets add up). */
function side(entries: SketchDataV1['p']): { first: number; counts: number[] } {
  const sums = new Map<number, number>();
  for (const [i, c] of entries) sums.set(i, (sums.get(i) ?? 0) + c);
  const used = [...sums].filter(([, c]) => c !== 0).map(([i]) => i);
  if (used.length === 0) return { first: 0, counts: [] };
  const first = Math.min(...used);
  const last = Math.max(...used);
  const counts: number[] = [];
  for (let i = first; i <= last; i++) counts.push(sums.get(i) ?? 0);
  return { first, counts };
}
