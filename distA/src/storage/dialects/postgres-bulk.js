import { sql } from 'kysely';
import { RollupColumns } from '../../evaluate/metrics/rollup-columns.js';
import { toBlocks } from '../minute-blocks.js';
/** The rows at `indexes`, as columns of their own. */
function pick(rows, indexes) {
    const out = new RollupColumns();
    for (const i of indexes)
        out.push(rows.series[i], rows.resolution[i], rows.bucket[i], rows.count[i], rows.sum[i], rows.min[i], rows.max[i], rows.last[i], rows.lastAt[i], rows.score[i]);
    return out;
}
const CHUNK = 50_000;
/**
 * Bulk metric writes on PostgreSQL: each column travels as one array parameter and
 * `unnest` turns them back into rows — one statement per 50,000 rows instead of 10
 * parameters a row. Minute rollups go as blocks (storage/minute-blocks.ts), merged by
 * `surety_merge_minutes`; hour deltas for the same bucket are summed in SQL first, because
 * one INSERT … ON CONFLICT may touch a row only once.
 */
export const postgresBulkWriter = {
    async mergeRollups(db, all) {
        const { blocks, others } = toBlocks(all);
        for (let start = 0; start < blocks.count; start += CHUNK) {
            const end = Math.min(blocks.count, start + CHUNK);
            // Each block as an array literal: slicing one big array parameter per row would copy it each time.
            const literals = [];
            for (let k = start; k < end; k++)
                literals.push(`{${blocks.data.subarray(blocks.start[k], blocks.start[k] + blocks.length[k]).join(',')}}`);
            await sql `
        insert into metric_minutes (series_id, hour, data)
        select s, h, b::float8[] from unnest(${Array.from(blocks.series.subarray(start, end))}::int[], ${Array.from(blocks.hour.subarray(start, end))}::bigint[], ${literals}::text[]) as t(s, h, b)
        on conflict (series_id, hour) do update set data = surety_merge_minutes(metric_minutes.data, excluded.data)`.execute(db);
        }
        const rows = pick(all, others);
        for (let start = 0; start < rows.length; start += CHUNK) {
            const end = Math.min(rows.length, start + CHUNK);
            const col = (a) => Array.from(a.subarray(start, end));
            await sql `
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
    async appendSketches(db, rows) {
        for (let start = 0; start < rows.length; start += CHUNK) {
            const chunk = rows.slice(start, start + CHUNK);
            await sql `
        insert into metric_sketches (series_id, bucket, data)
        select * from unnest(${chunk.map((r) => r.series)}::int[], ${chunk.map((r) => r.bucket)}::bigint[], ${chunk.map((r) => r.data)}::text[])`.execute(db);
        }
    },
};
//# sourceMappingURL=postgres-bulk.js.map