import type { RollupColumns } from '../../evaluate/metrics/rollup-columns.js';
import type { Instant } from '../../domain/time.js';

export interface MetricSeriesRow {
  readonly id: number;
  readonly key: string;
  readonly measurement: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly field: string;
  readonly createdAt: Instant;
}

/** A rollup bucket as stored: the sum of every delta flushed into it. */
export interface RollupRow {
  readonly series: number;
  readonly resolution: number;
  readonly bucket: Instant;
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
  readonly last: number;
  readonly lastAt: number;
  readonly scoreMax: number;
}

export interface SeriesQuery {
  readonly measurement?: string | undefined;
  readonly field?: string | undefined;
  /** Every tag given must match. */
  readonly tags?: Readonly<Record<string, string>> | undefined;
  readonly limit: number;
}

export interface MetricRepository {
  /** Every series key with its id, in id order (the registry reloads from it). */
  allSeriesKeys(): Promise<Array<{ id: number; key: string }>>;
  /** Stores new series by their keys (measurement, tags and field are read from the key). */
  insertSeries(
    rows: ReadonlyArray<{ readonly id: number; readonly key: string }>,
    createdAt: Instant,
  ): Promise<void>;
  findSeries(query: SeriesQuery): Promise<MetricSeriesRow[]>;
  findSeriesById(ids: readonly number[]): Promise<MetricSeriesRow[]>;
  /** Adds deltas to their buckets: counts and sums add up, extremes widen, the latest value wins. */
  mergeRollups(rows: RollupColumns): Promise<void>;
  rollups(series: number, resolution: number, from: Instant, to: Instant): Promise<RollupRow[]>;
  /** Appends minute sketch deltas (a minute may get several; readers merge them). */
  appendSketches(
    deltas: ReadonlyArray<{ series: number; bucket: Instant; data: Uint8Array }>,
  ): Promise<void>;
  /** Every sketch delta of a series' minutes in [from, to), oldest first. */
  sketches(
    series: number,
    from: Instant,
    to: Instant,
  ): Promise<Array<{ bucket: Instant; data: Uint8Array }>>;
  insertPoints(points: {
    readonly count: number;
    readonly series: Int32Array;
    readonly times: Float64Array;
    readonly values: Float64Array;
  }): Promise<void>;
  /** Deletes raw points older than `before`; returns how many. */
  deletePointsBefore(before: Instant): Promise<number>;
  points(
    series: number,
    from: Instant,
    to: Instant,
    limit: number,
  ): Promise<Array<{ t: number; v: number }>>;
}
