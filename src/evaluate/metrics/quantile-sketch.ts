/**
 * A mergeable quantile sketch with relative accuracy (the DDSketch idea): values fall into
 * logarithmic buckets whose width is 2 % of their value, so any quantile is known within
 * 1 % whatever the range, in a few hundred counters at most, and sketches of different
 * minutes add up into an hour or a window exactly. For the p95/p99 of response times.
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

export class QuantileSketch {
  private readonly positive = new Map<number, number>();
  private readonly negative = new Map<number, number>();
  private zero = 0;
  count = 0;

  add(value: number, times = 1): void {
    if (!Number.isFinite(value)) return;
    this.count += times;
    if (Math.abs(value) < MIN_VALUE) {
      this.zero += times;
      return;
    }
    const map = value > 0 ? this.positive : this.negative;
    const index = Math.ceil(Math.log(Math.abs(value)) / LOG_GAMMA);
    map.set(index, (map.get(index) ?? 0) + times);
  }

  merge(other: QuantileSketch): void {
    for (const [i, c] of other.positive) this.positive.set(i, (this.positive.get(i) ?? 0) + c);
    for (const [i, c] of other.negative) this.negative.set(i, (this.negative.get(i) ?? 0) + c);
    this.zero += other.zero;
    this.count += other.count;
  }

  /** The value at quantile q (0..1), within 1 %; NaN when empty. */
  quantile(q: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.min(this.count - 1, Math.max(0, Math.floor(q * (this.count - 1))));
    let seen = 0;
    // From the most negative up: negative buckets by descending index, zero, positive ascending.
    const neg = [...this.negative.entries()].sort((a, b) => b[0] - a[0]);
    for (const [i, c] of neg) {
      seen += c;
      if (seen > rank) return -bucketValue(i);
    }
    seen += this.zero;
    if (seen > rank) return 0;
    const pos = [...this.positive.entries()].sort((a, b) => a[0] - b[0]);
    for (const [i, c] of pos) {
      seen += c;
      if (seen > rank) return bucketValue(i);
    }
    return bucketValue(pos[pos.length - 1]![0]);
  }

  toData(): SketchData {
    return { p: [...this.positive.entries()], n: [...this.negative.entries()], z: this.zero };
  }

  static fromData(data: SketchData): QuantileSketch {
    const s = new QuantileSketch();
    for (const [i, c] of data.p) s.positive.set(i, c);
    for (const [i, c] of data.n) s.negative.set(i, c);
    s.zero = data.z;
    s.count = data.z + data.p.reduce((a, [, c]) => a + c, 0) + data.n.reduce((a, [, c]) => a + c, 0);
    return s;
  }
}

/** The value a bucket stands for: the middle of its range, in relative terms. */
function bucketValue(index: number): number {
  return (2 * GAMMA ** index) / (GAMMA + 1);
}
