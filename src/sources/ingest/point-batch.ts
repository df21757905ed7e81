/**
 * Parsed points, column by column: what every ingest format turns into before anything is
 * made durable or counted. Columns instead of objects: at a million points a second, one
 * object per point would be a million allocations a second for the collector to chase.
 *
 * A point names its series either by a key string (`keys[i]`), or — on the hot path of the
 * line protocol — by where the key lies in `source`: the series part and the field part
 * (`spans`, 4 per point) with the FNV-1a hash of "series field" (`hashes`), so no string is
 * made per point (see SeriesIndex).
 */
export const enum ValueKind {
  Number = 0,
  /** Strings are points too (they count) but have no value to roll up. */
  Text = 1,
}

export class PointBatch {
  count = 0;
  /** Per point: the series key (measurement, sorted tags and field), or undefined when given by span. */
  keys: Array<string | undefined> = [];
  values: Float64Array;
  /** Epoch milliseconds, fractional when the source was finer. */
  times: Float64Array;
  kinds: Uint8Array;
  /** Per point given by span: series start, series end, field start, field end, in `source`. */
  spans: Int32Array;
  hashes: Uint32Array;
  source: Buffer | undefined;

  constructor(capacity = 1024) {
    this.values = new Float64Array(capacity);
    this.times = new Float64Array(capacity);
    this.kinds = new Uint8Array(capacity);
    this.spans = new Int32Array(capacity * 4);
    this.hashes = new Uint32Array(capacity);
  }

  push(key: string, value: number, time: number, kind: ValueKind): void {
    if (this.count === this.values.length) this.grow();
    const i = this.count++;
    this.keys[i] = key;
    this.values[i] = value;
    this.times[i] = time;
    this.kinds[i] = kind;
  }

  /** A point whose key is `source[s1,e1) + " " + source[s2,e2)`, with that key's hash. */
  pushSpan(hash: number, s1: number, e1: number, s2: number, e2: number, value: number, time: number, kind: ValueKind): void {
    if (this.count === this.values.length) this.grow();
    const i = this.count++;
    this.keys[i] = undefined;
    this.hashes[i] = hash;
    const o = i * 4;
    this.spans[o] = s1;
    this.spans[o + 1] = e1;
    this.spans[o + 2] = s2;
    this.spans[o + 3] = e2;
    this.values[i] = value;
    this.times[i] = time;
    this.kinds[i] = kind;
  }

  /** The key of point i as a latin1 string (made on demand for span points). */
  keyAt(i: number): string {
    const key = this.keys[i];
    if (key !== undefined) return key;
    const o = i * 4;
    const src = this.source!;
    return `${src.latin1Slice(this.spans[o]!, this.spans[o + 1]!)} ${src.latin1Slice(this.spans[o + 2]!, this.spans[o + 3]!)}`;
  }

  /** Forgets points from `count` on: a line that failed halfway takes back what it added. */
  truncate(count: number): void {
    this.count = count;
    this.keys.length = count;
    if (count === 0) this.source = undefined;
  }

  private grow(): void {
    const size = this.values.length * 2;
    const grow = <T extends Float64Array | Uint8Array | Int32Array | Uint32Array>(a: T, n: number, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.values = grow(this.values, size, (n) => new Float64Array(n));
    this.times = grow(this.times, size, (n) => new Float64Array(n));
    this.kinds = grow(this.kinds, size, (n) => new Uint8Array(n));
    this.spans = grow(this.spans, size * 4, (n) => new Int32Array(n));
    this.hashes = grow(this.hashes, size, (n) => new Uint32Array(n));
  }
}

/** A problem with one line (or record) of an ingest body, positioned for the person who sent it. */
export interface IngestProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** The offending line, shortened, as InfluxDB quotes it. */
  readonly text: string;
}

declare module 'node:buffer' {
  interface Buffer {
    /** Node's own latin1 decoder without toString's argument checks (present since Node 0.x, untyped). */
    latin1Slice(start: number, end: number): string;
  }
}
