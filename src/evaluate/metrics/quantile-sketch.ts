/**
 * A mergeable quantile sketch with relative accuracy (the DDSketch idea): values fall into
 * logarithmic buckets whose width is 2 % of their value, so any quantile is known within
 * 1 % whatever the range, and sketches of different minutes add up into an hour or a window
 * exactly. For the p95/p99 of response times.
 *
 * Counts live in a dense array over the span of bucket indexes seen (a minute of latencies
 * spans a few dozen buckets): an add is a log and an array increment, no Map (measured: the
 * Map version was a third of the cost of a point on the quantile path).
 */
const ALPHA = 0.01;
const GAMMA = (1 + ALPHA) / (1 - ALPHA);
const LOG_GAMMA = Math.log(GAMMA);
// Values closer to zero than this count as zero (a latency of 1e-9 ms is zero).
const MIN_VALUE = 1e-9;

export interface SketchData {
  /** bucket index → count, for positive and negative values; and the zero bucket. */
  readonly p: Array<[number, number]>;
  readonly n: Array<[number, number]>;
  readonly z: number;
}

/**
 * Counts over a run of bucket indexes, growing at either end as needed. A plain array, not a
 * Float64Array: a new sketch every minute per series made typed-array allocation (slow in V8,
 * off the young heap) most of the cost of a quantile point (measured).
 */
class DenseCounts {
  offset = 0;
  counts: number[] | undefined;

  add(index: number, times: number): void {
    let c = this.counts;
    if (c === undefined) {
      this.offset = index - 4;
      c = this.counts = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    }
    let i = index - this.offset;
    if (i < 0 || i >= c.length) {
      const lo = Math.min(this.offset, index - 4);
      const hi = Math.max(this.offset + c.length, index + 5);
      const grown = new Array<number>(Math.max(hi - lo, c.length * 2)).fill(0);
      for (let k = 0; k < c.length; k++) grown[k + this.offset - lo] = c[k]!;
      this.offset = lo;
      c = this.counts = grown;
      i = index - lo;
    }
    c[i]! += times;
  }

  *entries(): Generator<[number, number]> {
    const c = this.counts;
    if (!c) return;
    for (let i = 0; i < c.length; i++) if (c[i]! > 0) yield [i + this.offset, c[i]!];
  }
}

export class QuantileSketch {
  private readonly positive = new DenseCounts();
  private readonly negative = new DenseCounts();
  private zero = 0;
  count = 0;

  add(value: number, times = 1): void {
    if (!Number.isFinite(value)) return;
    this.count += times;
    if (value > MIN_VALUE) this.positive.add(Math.ceil(Math.log(value) / LOG_GAMMA), times);
    else if (value < -MIN_VALUE) this.negative.add(Math.ceil(Math.log(-value) / LOG_GAMMA), times);
    else this.zero += times;
  }

  merge(other: QuantileSketch): void {
    for (const [i, c] of other.positive.entries()) this.positive.add(i, c);
    for (const [i, c] of other.negative.entries()) this.negative.add(i, c);
    this.zero += other.zero;
    this.count += other.count;
  }

  /** The value at quantile q (0..1), within 1 %; NaN when empty. */
  quantile(q: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.min(this.count - 1, Math.max(0, Math.floor(q * (this.count - 1))));
    let seen = 0;
    // From the most negative up: negative buckets by descending index, zero, positive ascending.
    const neg = [...this.negative.entries()].reverse();
    for (const [i, c] of neg) {
      seen += c;
      if (seen > rank) return -bucketValue(i);
    }
    seen += this.zero;
    if (seen > rank) return 0;
    let last = 0;
    for (const [i, c] of this.positive.entries()) {
      seen += c;
      last = i;
      if (seen > rank) return bucketValue(i);
    }
    return bucketValue(last);
  }

  toData(): SketchData {
    return { p: [...this.positive.entries()], n: [...this.negative.entries()], z: this.zero };
  }

  /**
   * The sketch as bytes for storage: zero count, then each side's first index, span and
   * counts, as float64 (no JSON: encoding minute sketches was a tenth of the flush, measured).
   */
  toBytes(): Uint8Array {
    const out = new Float64Array(this.encodedLength);
    this.encodeInto(out, 0);
    return new Uint8Array(out.buffer);
  }

  /** How many float64s `toBytes` writes. */
  get encodedLength(): number {
    return 5 + spanOf(this.positive.counts).length + spanOf(this.negative.counts).length;
  }

  /**
   * Writes what `toBytes` returns into `out` from `at` (many sketches into one buffer, no array
   * each). Each side is written from its first to its last non-zero count: the counts array
   * has room on both sides of what it holds, and those zeros would be stored for nothing.
   */
  /** Returns where the encoding ends in `out`. */
  encodeInto(out: Float64Array, at: number): number {
    let o = at;
    out[o++] = this.zero;
    for (const side of [this.positive, this.negative]) {
      const c = side.counts;
      const { first, length } = spanOf(c);
      out[o++] = length === 0 ? 0 : side.offset + first;
      out[o++] = length;
      for (let k = 0; k < length; k++) out[o++] = c![first + k]!;
    }
    return o;
  }

  static fromBytes(bytes: Uint8Array): QuantileSketch {
    const d = new Float64Array(bytes.byteLength / 8);
    new Uint8Array(d.buffer).set(bytes.subarray(0, d.length * 8));
    const s = new QuantileSketch();
    s.zero = d[0]!;
    s.count = s.zero;
    const side = (counts: DenseCounts, at: number): number => {
      const offset = d[at]!;
      const length = d[at + 1]!;
      for (let k = 0; k < length; k++) {
        const c = d[at + 2 + k]!;
        if (c > 0) {
          counts.add(offset + k, c);
          s.count += c;
        }
      }
      return at + 2 + length;
    };
    side(s.negative, side(s.positive, 1));
    return s;
  }

  static fromData(data: SketchData): QuantileSketch {
    const s = new QuantileSketch();
    for (const [i, c] of data.p) s.positive.add(i, c);
    for (const [i, c] of data.n) s.negative.add(i, c);
    s.zero = data.z;
    s.count =
      data.z + data.p.reduce((a, [, c]) => a + c, 0) + data.n.reduce((a, [, c]) => a + c, 0);
    return s;
  }
}

/** Where a side's non-zero counts start and how many slots they span. */
function spanOf(counts: number[] | undefined): { first: number; length: number } {
  if (!counts) return { first: 0, length: 0 };
  let first = 0;
  while (first < counts.length && counts[first] === 0) first++;
  if (first === counts.length) return { first: 0, length: 0 };
  let last = counts.length - 1;
  while (counts[last] === 0) last--;
  return { first, length: last - first + 1 };
}

/** The value a bucket stands for: the middle of its range, in relative terms. */
function bucketValue(index: number): number {
  return (2 * GAMMA ** index) / (GAMMA + 1);
}
