import { type Kysely, type Selectable } from 'kysely';
import type { MetricRepository, MetricSeriesRow, RollupRow } from '../../services/store/index.js';
import type { Database } from '../database.js';
import type { BulkWriter, DialectCapabilities } from '../dialects/capabilities.js';
import { chunks } from './rows.js';
import { blockFromBytes, minuteRollups } from '../minute-blocks.js';
import { HOUR_MS, MINUTE_MS } from '../../evaluate/metrics/rollups.js';

export function metricRepository(
  db: Kysely<Database>,
  caps: DialectCapabilities,
  bulk: BulkWriter,
): MetricRepository {
  const seriesFromRow = (r: Selectable<Database['metric_series']>): MetricSeriesRow => ({
    id: r.id,
    key: r.key,
    measurement: r.measurement,
    tags: JSON.parse(r.tags) as Record<string, string>,
    field: r.field,
    createdAt: r.created_at,
  });
  return {
    async allSeriesKeys() {
      return db.selectFrom('metric_series').select(['id', 'key']).orderBy('id').execute();
    },
    async insertSeries(rows, createdAt) {
      await bulk.insertSeries(db, rows, createdAt);
    },
    async findSeries(query) {
      let q = db.selectFrom('metric_series').selectAll();
      if (query.measurement !== undefined) q = q.where('measurement', '=', query.measurement);
      if (query.field !== undefined) q = q.where('field', '=', query.field);
      // Tags are matched after the fetch: JSON operators differ per database, and the
      // measurement (indexed) already narrows the rows.
      const rows = (
        await q
          .orderBy('id')
          .limit(query.tags ? query.limit * 20 : query.limit)
          .execute()
      ).map(seriesFromRow);
      const wanted = Object.entries(query.tags ?? {});
      return rows.filter((r) => wanted.every(([k, v]) => r.tags[k] === v)).slice(0, query.limit);
    },
    async findSeriesById(ids) {
      if (ids.length === 0) return [];
      return (
        await db
          .selectFrom('metric_series')
          .selectAll()
          .where('id', 'in', [...ids])
          .orderBy('id')
          .execute()
      ).map(seriesFromRow);
    },
    async mergeRollups(rows) {
      await bulk.mergeRollups(db, rows);
    },
    async appendSketches(deltas) {
      await bulk.appendSketches(db, deltas);
    },
    async sketches(series, from, to) {
      const rows = await db
        .selectFrom('metric_sketches')
        .select(['bucket', 'data'])
        .where('series_id', '=', series)
        .where('bucket', '>=', from)
        .where('bucket', '<', to)
        .orderBy('bucket')
        .execute();
      return rows;
    },
    async insertPoints(p) {
      const rows = Array.from({ length: p.count }, (_, i) => ({
        series_id: p.series[i]!,
        t: p.times[i]!,
        v: p.values[i]!,
      }));
      for (const chunk of chunks(rows, Math.floor(caps.maxParameters / 3)))
        await db.insertInto('metric_points').values(chunk).execute();
    },
    async deletePointsBefore(before) {
      const r = await db.deleteFrom('metric_points').where('t', '<', before).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    async points(series, from, to, limit) {
      return db
        .selectFrom('metric_points')
        .select(['t', 'v'])
        .where('series_id', '=', series)
        .where('t', '>=', from)
        .where('t', '<', to)
        .orderBy('t')
        .limit(limit)
        .execute();
    },
    async rollups(series, resolution, from, to) {
      if (resolution === MINUTE_MS) {
        const [blocks, rows] = await Promise.all([
          db
            .selectFrom('metric_minute_blocks')
            .select(['hour', 'data'])
            .where('series_id', '=', series)
            .where('hour', '>', from - HOUR_MS)
            .where('hour', '<', to)
            .orderBy('id')
            .execute(),
          rollupRows(series, MINUTE_MS, from, to),
        ]);
        return minuteRollups(
          series,
          blocks.map((b) => ({ hour: b.hour, data: blockFromBytes(b.data) })),
          rows,
          from,
          to,
        );
      }
      return rollupRows(series, resolution, from, to);
    },
  };

  async function rollupRows(
    series: number,
    resolution: number,
    from: number,
    to: number,
  ): Promise<RollupRow[]> {
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
  }
}
