import { Type, type Static } from 'typebox';
import { notFound } from '../../domain/errors.js';
import { parseInstant, toIso } from '../../domain/time.js';
import { QuantileSketch } from '../../evaluate/metrics/quantile-sketch.js';
import { oneOf, strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';
import { invalidInput } from '../../domain/errors.js';
import { HOUR, MINUTE } from '../../domain/duration.js';

export const FindSeriesInput = Type.Object(
  {
    measurement: Type.Optional(Type.String({ minLength: 1 })),
    field: Type.Optional(Type.String({ minLength: 1 })),
    limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$' })),
  },
  { additionalProperties: Type.String(), description: 'tag filters as tag.<name>=<value>' },
);

/** Series by measurement, field and tags (`tag.host=a`). */
export async function findSeries({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx.caller, ['admin', 'agent', 'auditor'], 'reading metrics');
  const q = parseInput(FindSeriesInput, input, 'invalid series query') as Record<string, string>;
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries(q)) {
    if (k.startsWith('tag.')) tags[k.slice(4)] = v;
    else if (!['measurement', 'field', 'limit'].includes(k))
      throw invalidInput(`unknown query parameter "${k}"; filter tags as tag.${k}=…`, [
        { path: `/${k}`, message: 'unknown' },
      ]);
  }
  const rows = await ctx.store.metrics.findSeries({
    measurement: q.measurement,
    field: q.field,
    tags,
    limit: Math.min(Number(q.limit ?? 100), 1000),
  });
  return {
    series: rows.map((r) => ({
      id: r.id,
      measurement: r.measurement,
      tags: r.tags,
      field: r.field,
      createdAt: toIso(r.createdAt),
    })),
  };
}

export const RollupsInput = strictObject({
  resolution: Type.Optional(oneOf(['1m', '1h'] as const)),
  from: Type.String({ description: 'RFC 3339 start (inclusive)' }),
  to: Type.String({ description: 'RFC 3339 end (exclusive)' }),
});
export type RollupsInput = Static<typeof RollupsInput>;

/** One series' rollups over a range: count, mean, min, max, last and the peak anomaly score per bucket. */
export async function seriesRollups({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: number; query: unknown };
}) {
  requireRole(ctx.caller, ['admin', 'agent', 'auditor'], 'reading metrics');
  const q = parseInput(RollupsInput, input.query, 'invalid rollup query');
  const from = parseInstant(q.from);
  const to = parseInstant(q.to);
  if (from === undefined || to === undefined || to <= from) {
    throw invalidInput('from and to must be RFC 3339 date-times with from before to', [
      { path: '/from', message: 'bad range' },
    ]);
  }
  const resolution = q.resolution === '1h' ? HOUR : MINUTE;
  const [series] = await ctx.store.metrics.findSeriesById([input.id]);
  if (!series) throw notFound(`no series ${input.id}`);
  const [rows, sketches] = await Promise.all([
    ctx.store.metrics.rollups(input.id, resolution, from, to),
    ctx.store.metrics.sketches(input.id, from, to),
  ]);
  // Minute sketch deltas merge into their bucket of the asked resolution.
  const quantiles = new Map<number, QuantileSketch>();
  for (const s of sketches) {
    const bucket = s.bucket - (s.bucket % resolution);
    const sketch = QuantileSketch.fromBytes(s.data);
    const have = quantiles.get(bucket);
    if (have) have.merge(sketch);
    else quantiles.set(bucket, sketch);
  }
  return {
    series: {
      id: series.id,
      measurement: series.measurement,
      tags: series.tags,
      field: series.field,
    },
    resolution: q.resolution ?? '1m',
    buckets: rows.map((r) => {
      const sketch = quantiles.get(r.bucket);
      return {
        at: toIso(r.bucket),
        count: r.count,
        mean: r.sum / r.count,
        min: r.min,
        max: r.max,
        last: r.last,
        ...(sketch
          ? { p50: sketch.quantile(0.5), p95: sketch.quantile(0.95), p99: sketch.quantile(0.99) }
          : {}),
        anomalyScore: r.scoreMax,
      };
    }),
  };
}

export const PointsInput = strictObject({
  from: Type.String({ description: 'RFC 3339 start (inclusive)' }),
  to: Type.String({ description: 'RFC 3339 end (exclusive)' }),
  limit: Type.Optional(
    Type.String({
      pattern: '^[0-9]{1,6}$',
      description: 'at most this many points (10,000 by default)',
    }),
  ),
});

/** Raw points of a series the policy keeps them for (metrics.raw), within its window. */
export async function seriesPoints({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: number; query: unknown };
}) {
  requireRole(ctx.caller, ['admin', 'agent', 'auditor'], 'reading metrics');
  const q = parseInput(PointsInput, input.query, 'invalid points query');
  const from = parseInstant(q.from);
  const to = parseInstant(q.to);
  if (from === undefined || to === undefined || to <= from) {
    throw invalidInput('from and to must be RFC 3339 date-times with from before to', [
      { path: '/from', message: 'bad range' },
    ]);
  }
  const [series] = await ctx.store.metrics.findSeriesById([input.id]);
  if (!series) throw notFound(`no series ${input.id}`);
  const points = await ctx.store.metrics.points(
    input.id,
    from,
    to,
    Math.min(Number(q.limit ?? 10_000), 100_000),
  );
  return {
    series: {
      id: series.id,
      measurement: series.measurement,
      tags: series.tags,
      field: series.field,
    },
    points: points.map((p) => ({ at: toIso(p.t), value: p.v })),
  };
}
