/**
 * Parsed points, column by column: what every ingest format turns into before anything is
 * made durable or counted. Columns instead of objects: at a million points a second, one
 * object per point would be a million allocations a second for the collector to chase.
 *
 * A point names its series either by a key string (`keys[i]`, with `pointPart[i]` = -1), or —
 * on the hot path of the line protocol — by where its key lies in `source`: the
 * measurement-and-tags part it shares with the other fields of its line (`pointPart[i]`, an
 * index into the part columns) and its field (`fieldStart`, `fieldEnd`), so no string is made
 * per point (see SeriesIndex).
 */
export const enum ValueKind {
  Number = 0,
  /** Strings are points too (they count) but have no value to roll up. */
  Text = 1,
}

export class PointBatch {
  count = 0;
  /** Per point given by key string: the series key (measurement, sorted tags and field). */
  keys: Array<string | undefined> = [];
  values: Float64Array;
  /** Epoch milliseconds, fractional when the source was finer. */
  times: Float64Array;
  kinds: Uint8Array;
  /** Per point: the index of its part, or -1 when its key is in `keys`. */
  pointPart: Int32Array;
  fieldStart: Int32Array;
  fieldEnd: Int32Array;
  /** Parts (measurement and sorted tags) as byte ranges of `source`. */
  partCount = 0;
  partStart: Int32Array;
  partEnd: Int32Array;
  /** A part's id when the parser already knew it (see KnownParts), else -1. */
  partId: Int32Array;
  source: Buffer | undefined;

  constructor(capacity = 1024) {
    this.values = new Float64Array(capacity);
    this.times = new Float64Array(capacity);
    this.kinds = new Uint8Array(capacity);
    this.pointPart = new Int32Array(capacity);
    this.fieldStart = new Int32Array(capacity);
    this.fieldEnd = new Int32Array(capacity);
    this.partStart = new Int32Array(capacity);
    this.partEnd = new Int32Array(capacity);
    this.partId = new Int32Array(capacity);
  }

  push(key: string, value: number, time: number, kind: ValueKind): void {
    if (this.count === this.values.length) this.grow();
    const i = this.count++;
    this.keys[i] = key;
    this.pointPart[i] = -1;
    this.values[i] = value;
    this.times[i] = time;
    this.kinds[i] = kind;
  }

  /** A part `source[s, e)` for the points that follow (its id, if known); returns its index. */
  addPart(s: number, e: number, id = -1): number {
    if (this.partCount === this.partStart.length) {
      this.partStart = grown(this.partStart, this.partCount * 2);
      this.partEnd = grown(this.partEnd, this.partCount * 2);
      this.partId = grown(this.partId, this.partCount * 2);
    }
    const p = this.partCount++;
    this.partStart[p] = s;
    this.partEnd[p] = e;
    this.partId[p] = id;
    return p;
  }

  /** A point of part `part` whose field name is `source[s, e)`. */
  pushField(part: number, s: number, e: number, value: number, kind: ValueKind): void {
    if (this.count === this.values.length) this.grow();
    const i = this.count++;
    this.pointPart[i] = part;
    this.fieldStart[i] = s;
    this.fieldEnd[i] = e;
    this.values[i] = value;
    this.kinds[i] = kind;
  }

  /** The key of point i as a latin1 string (made on demand for points given by span). */
  keyAt(i: number): string {
    const part = this.pointPart[i]!;
    if (part < 0) return this.keys[i]!;
    const src = this.source!;
    return `${src.latin1Slice(this.partStart[part]!, this.partEnd[part]!)} ${src.latin1Slice(this.fieldStart[i]!, this.fieldEnd[i]!)}`;
  }

  /** Forgets points from `count` on (and parts from `parts` on): a line that failed halfway takes back what it added. */
  truncate(count: number, parts = count === 0 ? 0 : this.partCount): void {
    this.count = count;
    this.partCount = parts;
    if (this.keys.length > count) this.keys.length = count;
    if (count === 0) this.source = undefined;
  }

  private grow(): void {
    const size = this.values.length * 2;
    this.values = grown(this.values, size);
    this.times = grown(this.times, size);
    this.kinds = grown(this.kinds, size);
    this.pointPart = grown(this.pointPart, size);
    this.fieldStart = grown(this.fieldStart, size);
    this.fieldEnd = grown(this.fieldEnd, size);
  }
}

function grown<T extends Float64Array | Uint8Array | Int32Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
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
