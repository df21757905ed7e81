import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  FindSeriesInput,
  PointsInput,
  RollupsInput,
  findSeries,
  seriesPoints,
  seriesRollups,
} from '../../services/metrics/query.js';
import type { ContextFor } from '../context-for.js';

export function metricRoutes(api: FastifyInstance, contextFor: ContextFor) {
  api.get(
    '/series',
    {
      schema: {
        summary: 'Find metric series by measurement, field and tag.<name>=<value>',
        tags: ['metrics'],
        querystring: FindSeriesInput,
      },
    },
    async (request) => findSeries({ ctx: contextFor(request), input: request.query }),
  );
  api.get<{ Params: { id: string } }>(
    '/series/:id/rollups',
    {
      schema: {
        summary: 'Minute or hour rollups of one series over a range',
        tags: ['metrics'],
        params: Type.Object({ id: Type.String({ pattern: '^[0-9]{1,10}$' }) }),
        querystring: RollupsInput,
      },
    },
    async (request) =>
      seriesRollups({
        ctx: contextFor(request),
        input: { id: Number(request.params.id), query: request.query },
      }),
  );
  api.get<{ Params: { id: string } }>(
    '/series/:id/points',
    {
      schema: {
        summary: 'Raw points of a series kept for charts (metrics.raw in the policy)',
        tags: ['metrics'],
        params: Type.Object({ id: Type.String({ pattern: '^[0-9]{1,10}$' }) }),
        querystring: PointsInput,
      },
    },
    async (request) =>
      seriesPoints({
        ctx: contextFor(request),
        input: { id: Number(request.params.id), query: request.query },
      }),
  );
}
