import { sql } from 'kysely';
const MINUTE = 60_000;
const HOUR = 3_600_000;
/**
 * Metric storage for a flush that only writes:
 * - minute rollups as one block per series and hour (storage/minute-blocks.ts), merged in
 *   the database by `surety_merge_minutes`; stored minute rows are moved into blocks;
 * - quantile sketches as appended minute deltas (readers merge a minute's rows, and minutes
 *   into hours), where merging in place meant reading every sketch back (a third of the
 *   flush, measured); stored minute sketches carry over, hour rows (sums of their minutes) go.
 */
export async function up(db, caps) {
    await caps.installFunctions(db);
    await db.schema
        .createTable('metric_minutes')
        .addColumn('series_id', 'integer', (c) => c.notNull())
        .addColumn('hour', 'bigint', (c) => c.notNull())
        .addColumn('data', caps.minuteBlockType === 'blob' ? 'blob' : sql `float8[]`, (c) => c.notNull())
        .addPrimaryKeyConstraint('metric_minutes_pk', ['series_id', 'hour'])
        .execute();
    await moveMinuteRows(db, caps);
    await db.schema.alterTable('metric_sketches').renameTo('metric_sketches_merged').execute();
    await db.schema
        .createTable('metric_sketches')
        .addColumn('series_id', 'integer', (c) => c.notNull())
        .addColumn('bucket', 'bigint', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .execute();
    await sql `insert into metric_sketches (series_id, bucket, data)
            select series_id, bucket, data from metric_sketches_merged where resolution = ${MINUTE}`.execute(db);
    await db.schema.dropTable('metric_sketches_merged').execute();
    await db.schema.createIndex('metric_sketches_series_bucket').on('metric_sketches').columns(['series_id', 'bucket']).execute();
}
/** Minute rows of metric_rollups into blocks, a series-hour at a time, then out of metric_rollups. */
async function moveMinuteRows(db, caps) {
    let after = { series: -1, bucket: Number.MIN_SAFE_INTEGER };
    for (;;) {
        const rows = await db
            .selectFrom('metric_rollups')
            .selectAll()
            .where('resolution', '=', MINUTE)
            .where((eb) => eb.or([eb('series_id', '>', after.series), eb.and([eb('series_id', '=', after.series), eb('bucket', '>', after.bucket)])]))
            .orderBy('series_id')
            .orderBy('bucket')
            .limit(10_000)
            .execute();
        if (rows.length === 0)
            break;
        const blocks = new Map();
        for (const r of rows) {
            const hour = r.bucket - (((r.bucket % HOUR) + HOUR) % HOUR);
            const key = `${r.series_id}:${hour}`;
            const block = blocks.get(key) ?? { series: r.series_id, hour: hour, data: [] };
            block.data.push((r.bucket - hour) / MINUTE, r.count, r.sum, r.min, r.max, r.last, r.last_at, r.score_max);
            blocks.set(key, block);
        }
        for (const b of blocks.values()) {
            // A series-hour cut by the page boundary merges with its first part.
            await sql `insert into metric_minutes (series_id, hour, data) values (${b.series}, ${b.hour}, ${caps.encodeBlock(Float64Array.from(b.data))})
                on conflict (series_id, hour) do update set data = surety_merge_minutes(metric_minutes.data, excluded.data)`.execute(db);
        }
        const last = rows[rows.length - 1];
        after = { series: last.series_id, bucket: last.bucket };
        if (rows.length < 10_000)
            break;
    }
    await db.deleteFrom('metric_rollups').where('resolution', '=', MINUTE).execute();
}
//# sourceMappingURL=003-metric-blocks.js.map