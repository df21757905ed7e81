import type { FastifyInstance } from 'fastify';
import { OverviewInput, overview } from '../../services/views/overview.js';
import type { ContextFor } from '../context-for.js';
import { replies } from '../replies/components.js';

/** Read models the dashboard draws from (one request a screen). */
export function viewRoutes(api: FastifyInstance, contextFor: ContextFor) {
  api.get(
    '/views/overview',
    {
      schema: {
        summary:
          'Every commitment this month: value, target, colour, budget left, trend, open clocks',
        tags: ['views'],
        querystring: OverviewInput,
        response: replies('Overview'),
      },
    },
    async (request) => overview({ ctx: contextFor(request), input: request.query }),
  );
}
