import { sql, type Kysely, type Selectable } from 'kysely';
import type { MetricRepository, MetricSeriesRow, RollupRow } from '../services/store.js';
import type { Database } from './database.js';
import type { DialectCapabilities } from './dialects/capabilities.js';
import { chunks } from './chunks.js';
import { QuantileSketch, type SketchData } from '../evaluate/metrics/quantile-sketch.js';

export function metricRepository(db: Kysely<Database>, caps: DialectCapabilities): MetricRepository {
  const seriesFromRow = (r: Selectable<Database['metric_series']>): MetricSeriesRow => ({
    id: r.id,
    key: r.key,
    measurement: r.measurement,
    tags: JSON.parse(r.tags) as Record<string, string>,
    field: r.field,
    createdAt: r.created_at,
  });
  const smaller = sql.raw(caps.smallerOf);
  const larger = sql.raw(caps.largerOf);
  return {
    async allSeriesKeys() {
      return db.selectFrom('metric_series').select(['id', 'key']).orderBy('id').execute();
    },
    async insertSeries(rows) {
      for (const chunk of chunks(rows, Math.floor(caps.maxParameters / 6))) {
        await db
          .insertInto('metric_series')
          .values(chunk.map((r) => ({ id: r.id, key: r.key, measurement: r.measurement, tags: JSON.stringify(r.tags), field: r.field, created_at: r.createdAt })))
          .execute();
      }
    },
    async findSeries(query) {
      let q = db.selectFrom('metric_series').selectAll();
      if (query.measurement !== undefined) q = q.where('measurement', '=', query.measurement);
      if (query.field !== undefined) q = q.where('field', '=', query.field);
      // Tags are matched after the fetch: JSON operators differ per database, and the
      // measurement (indexed) already narrows the rows.
      const rows = (await q.orderBy('id').limit(query.tags ? query.limit * 20 : query.limit).execute()).map(seriesFromRow);
      const wanted = Object.entries(query.tags ?? {});
      return rows.filter((r) => wanted.every(([k, v]) => r.tags[k] === v)).slice(0, query.limit);
    },
    async findSeriesById(ids) {
      if (ids.length === 0) return [];
      return (await db.selectFrom('metric_series').selectAll().where('id', 'in', [...ids]).orderBy('id').execute()).map(seriesFromRow);
    },
    async mergeRollups(deltas) {
      for (const chunk of chunks(deltas, Math.floor(caps.maxParameters / 10))) {
        await db
          .insertInto('metric_rollups')
          .values(
            chunk.map((d) => ({
              series_id: d.series,
              resolution: d.resolution,
              bucket: d.bucket,
              count: d.count,
              sum: d.sum,
              min: d.min,
              max: d.max,
              last: d.last,
              last_at: d.lastAt,
              score_max: d.scoreMax,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['series_id', 'resolution', 'bucket']).doUpdateSet({
              count: sql`metric_rollups.count + excluded.count`,
              sum: sql`metric_rollups.sum + excluded.sum`,
              min: sql`${smaller}(metric_rollups.min, excluded.min)`,
              max: sql`${larger}(metric_rollups.max, excluded.max)`,
              last: sql`case when excluded.last_at >= metric_rollups.last_at then excluded.last else metric_rollups.last end`,
              last_at: sql`${larger}(metric_rollups.last_at, excluded.last_at)`,
              score_max: sql`${larger}(metric_rollups.score_max, excluded.score_max)`,
            }),
          )
          .execute();
      }
    },
    async mergeSketches(deltas) {
      // Sketches merge bucket by bucket, which SQL cannot do on a JSON column: read, merge, write.
      for (const chunk of chunks(deltas, 500)) {
        const existing = await db
          .selectFrom('metric_sketches')
          .selectAll()
          .where((eb) => eb.or(chunk.map((d) => eb.and([eb('series_id', '=', d.series), eb('resolution', '=', d.resolution), eb('bucket', '=', d.bucket)]))))
          .execute();
        const stored = new Map(existing.map((r) => [`${r.series_id}:${r.resolution}:${r.bucket}`, JSON.parse(r.data) as SketchData]));
        const rows = chunk.map((d) => {
          const before = stored.get(`${d.series}:${d.resolution}:${d.bucket}`);
          const sketch = QuantileSketch.fromData(d.data);
          if (before) sketch.merge(QuantileSketch.fromData(before));
          return { series_id: d.series, resolution: d.resolution, bucket: d.bucket, data: JSON.stringify(sketch.toData()) };
        });
        await db
          .insertInto('metric_sketches')
          .values(rows)
          .onConflict((oc) => oc.columns(['series_id', 'resolution', 'bucket']).doUpdateSet({ data: sql`excluded.data` }))
          .execute();
      }
    },
    async sketches(series, resolution, from, to) {
      const rows = await db
        .selectFrom('metric_sketches')
        .select(['bucket', 'data'])
        .where('series_id', '=', series)
        .where('resolution', '=', resolution)
        .where('bucket', '>=', from)
        .where('bucket', '<', to)
        .orderBy('bucket')
        .execute();
      return rows.map((r) => ({ bucket: r.bucket, data: JSON.parse(r.data) as SketchData }));
    },
    async insertPoints(p) {
      const rows = Array.from({ length: p.count }, (_, i) => ({ series_id: p.series[i]!, t: p.times[i]!, v: p.values[i]! }));
      for (const chunk of chunks(rows, Math.floor(caps.maxParameters / 3))) await db.insertInto('metric_points').values(chunk).execute();
    },
    async deletePointsBefore(before) {
      const r = await db.deleteFrom('metric_points').where('t', '<', before).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    async points(series, from, to, limit) {
      return db.selectFrom('metric_points').select(['t', 'v']).where('series_id', '=', series).where('t', '>=', from).where('t', '<', to).orderBy('t').limit(limit).execute();
    },
    async rollups(series, resolution, from, to) {
      const rows = await db
        .selectFrom('metric_rollups')
        .selectAll()
        .where('series_id', '=', series)
        .where('resolution', '=', resolution)
        .where('bucket', '>=', from)
        .where('bucket', '<', to)
        .orderBy('bucket')
        .execute();
      return rows.map((r) => ({
        series: r.series_id,
        resolution: r.resolution,
        bucket: r.bucket,
        count: r.count,
        sum: r.sum,
        min: r.min,
        max: r.max,
        last: r.last,
        lastAt: r.last_at,
        scoreMax: r.score_max,
      }));
    },
  };
}
