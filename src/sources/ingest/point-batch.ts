/**
 * Parsed points, column by column: what every ingest format turns into before anything is
 * made durable or counted. Columns instead of objects: at a million points a second, one
 * object per point would be a million allocations a second for the collector to chase.
 */
export const enum ValueKind {
  Number = 0,
  /** Strings are points too (they count) but have no value to roll up. */
  Text = 1,
}

export class PointBatch {
  count = 0;
  /** Per point: the series key (measurement, sorted tags and field), as the registry knows it. */
  keys: string[] = [];
  values: Float64Array;
  /** Epoch milliseconds, fractional when the source was finer. */
  times: Float64Array;
  kinds: Uint8Array;

  constructor(capacity = 1024) {
    this.values = new Float64Array(capacity);
    this.times = new Float64Array(capacity);
    this.kinds = new Uint8Array(capacity);
  }

  push(key: string, value: number, time: number, kind: ValueKind): void {
    if (this.count === this.values.length) this.grow();
    const i = this.count++;
    this.keys[i] = key;
    this.values[i] = value;
    this.times[i] = time;
    this.kinds[i] = kind;
  }

  /** Forgets points from `count` on: a line that failed halfway takes back what it added. */
  truncate(count: number): void {
    this.count = count;
    this.keys.length = count;
  }

  private grow(): void {
    const size = this.values.length * 2;
    const values = new Float64Array(size);
    values.set(this.values);
    const times = new Float64Array(size);
    times.set(this.times);
    const kinds = new Uint8Array(size);
    kinds.set(this.kinds);
    this.values = values;
    this.times = times;
    this.kinds = kinds;
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
