import { sql } from 'kysely';
import { RollupColumns } from '../../evaluate/metrics/rollup-columns.js';
import { parseSeriesKey } from '../../evaluate/metrics/series-key.js';
import { blockBytes, toBlocks } from '../minute-blocks.js';
import type { BulkWriter } from './capabilities.js';

/** The rows at `indexes`, as columns of their own. */
function pick(rows: RollupColumns, indexes: Int32Array): RollupColumns {
  const out = new RollupColumns();
  for (const i of indexes)
    out.push(
      rows.series[i]!,
      rows.resolution[i]!,
      rows.bucket[i]!,
      rows.count[i]!,
      rows.sum[i]!,
      rows.min[i]!,
      rows.max[i]!,
      rows.last[i]!,
      rows.lastAt[i]!,
      rows.score[i]!,
    );
  return out;
}

const CHUNK = 50_000;

/**
 * Bulk metric writes on PostgreSQL: each column travels as one array parameter and
 * `unnest` turns them back into rows — one statement per 50,000 rows instead of 10
 * parameters a row. Closed minutes are appended as blocks (storage/minute-blocks.ts); for
 * the upserted rows, deltas for the same bucket are summed in SQL first, because one
 * INSERT … ON CONFLICT may touch a row only once.
 */
export const postgresBulkWriter: BulkWriter = {
  async mergeRollups(db, all: RollupColumns) {
    const { blocks, others } = toBlocks(all);
    for (let start = 0; start < blocks.count; start += CHUNK) {
      const end = Math.min(blocks.count, start + CHUNK);
      const data: Buffer[] = [];
      for (let k = start; k < end; k++)
        data.push(
          blockBytes(blocks.data.subarray(blocks.start[k]!, blocks.start[k]! + blocks.length[k]!)),
        );
      await sql`
        insert into metric_minute_blocks (series_id, hour, data)
        select * from unnest(${Array.from(blocks.series.subarray(start, end))}::int[], ${Array.from(blocks.hour.subarray(start, end))}::bigint[], ${data}::bytea[])`.execute(
        db,
      );
    }
    const rows = pick(all, others);
    for (let start = 0; start < rows.length; start += CHUNK) {
      const end = Math.min(rows.length, start + CHUNK);
      const col = (a: Int32Array | Float64Array) => Array.from(a.subarray(start, end));
      await sql`
        insert into metric_rollups (series_id, resolution, bucket, count, sum, min, max, last, last_at, score_max)
        select s, r, b::bigint, sum(c)::bigint, sum(su), min(mi), max(ma), (array_agg(l order by la desc))[1], max(la), max(sc)
        from unnest(${col(rows.series)}::int[], ${col(rows.resolution)}::int[], ${col(rows.bucket)}::float8[], ${col(rows.count)}::float8[],
                    ${col(rows.sum)}::float8[], ${col(rows.min)}::float8[], ${col(rows.max)}::float8[], ${col(rows.last)}::float8[],
                    ${col(rows.lastAt)}::float8[], ${col(rows.score)}::float8[]) as t(s, r, b, c, su, mi, ma, l, la, sc)
        group by s, r, b
        on conflict (series_id, resolution, bucket) do update set
          count = metric_rollups.count + excluded.count,
          sum = metric_rollups.sum + excluded.sum,
          min = least(metric_rollups.min, excluded.min),
          max = greatest(metric_rollups.max, excluded.max),
          last = case when excluded.last_at >= metric_rollups.last_at then excluded.last else metric_rollups.last end,
          last_at = greatest(metric_rollups.last_at, excluded.last_at),
          score_max = greatest(metric_rollups.score_max, excluded.score_max)`.execute(db);
    }
  },
  async insertSeries(db, rows, createdAt) {
    for (let start = 0; start < rows.length; start += CHUNK) {
      const chunk = rows.slice(start, start + CHUNK);
      const parts = chunk.map((r) => parseSeriesKey(r.key));
      await sql`
        insert into metric_series (id, key, measurement, tags, field, created_at)
        select i, k, m, t, f, ${createdAt}::bigint from unnest(${chunk.map((r) => r.id)}::int[], ${chunk.map((r) => r.key)}::text[], ${parts.map((p) => p.measurement)}::text[],
                                                   ${parts.map((p) => JSON.stringify(p.tags))}::text[], ${parts.map((p) => p.field)}::text[]) as x(i, k, m, t, f)`.execute(
        db,
      );
    }
  },
  async appendSketches(db, rows) {
    for (let start = 0; start < rows.length; start += CHUNK) {
      const chunk = rows.slice(start, start + CHUNK);
      await sql`
        insert into metric_sketches (series_id, bucket, data)
        select * from unnest(${chunk.map((r) => r.series)}::int[], ${chunk.map((r) => r.bucket)}::bigint[], ${chunk.map((r) => Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength))}::bytea[])`.execute(
        db,
      );
    }
  },
};
