import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import { sketchBytesV1, type SketchDataV1 } from './frozen/quantile-sketch-v1.js';

const MINUTE = 60_000;

/**
 * Metric storage for a flush that mostly appends:
 * - closed minutes as blocks, one appended row per series, hour and flush
 *   (storage/minute-blocks.ts); open minutes stay rows of metric_rollups, so stored minute
 *   rows remain valid as they are;
 * - quantile sketches as appended minute deltas in bytes (readers merge a minute's rows, and
 *   minutes into hours), where merging JSON in place meant reading every sketch back (a third
 *   of the flush, measured); stored minute sketches carry over, hour rows (sums of their
 *   minutes) go.
 */
export async function up(db: Kysely<any>, caps: DialectCapabilities): Promise<void> {
  // The id orders a minute's deltas as written: of two points at the very same time, the later written is `last`.
  await caps
    .withGeneratedId(db.schema.createTable('metric_minute_blocks'), 'id')
    .addColumn('series_id', 'integer', (c) => c.notNull())
    .addColumn('hour', 'bigint', (c) => c.notNull())
    .addColumn('data', caps.bytesType, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('metric_minute_blocks_series_hour')
    .on('metric_minute_blocks')
    .columns(['series_id', 'hour'])
    .execute();

  await db.schema.alterTable('metric_sketches').renameTo('metric_sketches_merged').execute();
  await db.schema
    .createTable('metric_sketches')
    .addColumn('series_id', 'integer', (c) => c.notNull())
    .addColumn('bucket', 'bigint', (c) => c.notNull())
    .addColumn('data', caps.bytesType, (c) => c.notNull())
    .execute();
  // Stored minute sketches carry over, from JSON to the bytes of QuantileSketch.toBytes() then.
  for (let after = -1; ;) {
    const rows = await db
      .selectFrom('metric_sketches_merged')
      .select(['series_id', 'bucket', 'data'])
      .where('resolution', '=', MINUTE)
      .where('series_id', '>', after)
      .orderBy('series_id')
      .limit(1000)
      .execute();
    if (rows.length === 0) break;
    const last = rows[rows.length - 1]!.series_id as number;
    const whole = await db
      .selectFrom('metric_sketches_merged')
      .select(['series_id', 'bucket', 'data'])
      .where('resolution', '=', MINUTE)
      .where('series_id', '>', after)
      .where('series_id', '<=', last)
      .execute();
    for (const r of whole) {
      const bytes = sketchBytesV1(JSON.parse(r.data as string) as SketchDataV1);
      await db
        .insertInto('metric_sketches')
        .values({
          series_id: r.series_id,
          bucket: r.bucket,
          data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        })
        .execute();
    }
    after = last;
  }
  await db.schema.dropTable('metric_sketches_merged').execute();
  await db.schema
    .createIndex('metric_sketches_series_bucket')
    .on('metric_sketches')
    .columns(['series_id', 'bucket'])
    .execute();
}
