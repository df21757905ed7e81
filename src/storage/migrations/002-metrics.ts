import type { Kysely } from 'kysely';

/** Metric series, their minute and hour rollups, and quantile sketches for the series that want them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('metric_series')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('measurement', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('metric_series_measurement')
    .on('metric_series')
    .columns(['measurement', 'field'])
    .execute();

  await db.schema
    .createTable('metric_rollups')
    .addColumn('series_id', 'integer', (c) => c.notNull())
    .addColumn('resolution', 'integer', (c) => c.notNull())
    .addColumn('bucket', 'bigint', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addColumn('sum', 'double precision', (c) => c.notNull())
    .addColumn('min', 'double precision', (c) => c.notNull())
    .addColumn('max', 'double precision', (c) => c.notNull())
    .addColumn('last', 'double precision', (c) => c.notNull())
    .addColumn('last_at', 'double precision', (c) => c.notNull())
    .addColumn('score_max', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('metric_rollups_pk', ['series_id', 'resolution', 'bucket'])
    .execute();

  await db.schema
    .createTable('metric_sketches')
    .addColumn('series_id', 'integer', (c) => c.notNull())
    .addColumn('resolution', 'integer', (c) => c.notNull())
    .addColumn('bucket', 'bigint', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('metric_sketches_pk', ['series_id', 'resolution', 'bucket'])
    .execute();

  // Raw points of the series the policy keeps for charts, for its window; no key: points may repeat.
  await db.schema
    .createTable('metric_points')
    .addColumn('series_id', 'integer', (c) => c.notNull())
    .addColumn('t', 'double precision', (c) => c.notNull())
    .addColumn('v', 'double precision', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('metric_points_series_t')
    .on('metric_points')
    .columns(['series_id', 't'])
    .execute();
  await db.schema.createIndex('metric_points_t').on('metric_points').column('t').execute();
}
