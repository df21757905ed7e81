import { sql } from 'kysely';
/**
 * Quantile sketches become appended minute deltas (readers merge a minute's rows, and minutes
 * into hours): a flush then only inserts, where merging in place meant reading every sketch
 * back (a third of the flush, measured). Stored minute sketches carry over; hour rows are
 * dropped, since they are the sum of their minutes.
 */
export async function up(db) {
    await db.schema.alterTable('metric_sketches').renameTo('metric_sketches_merged').execute();
    await db.schema
        .createTable('metric_sketches')
        .addColumn('series_id', 'integer', (c) => c.notNull())
        .addColumn('bucket', 'bigint', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .execute();
    await sql `insert into metric_sketches (series_id, bucket, data)
            select series_id, bucket, data from metric_sketches_merged where resolution = 60000`.execute(db);
    await db.schema.dropTable('metric_sketches_merged').execute();
    await db.schema.createIndex('metric_sketches_series_bucket').on('metric_sketches').columns(['series_id', 'bucket']).execute();
}
//# sourceMappingURL=003-sketch-deltas.js.map