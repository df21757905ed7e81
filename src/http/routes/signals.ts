import type { FastifyInstance } from 'fastify';
import { ListSignalsInput, listSignals } from '../../services/signals/list.js';
import type { ContextFor } from '../context-for.js';

export function signalRoutes(api: FastifyInstance, contextFor: ContextFor) {
  api.get(
    '/signals',
    {
      schema: {
        summary: 'The event stream: warnings, breaches, recoveries and anomalies, after a cursor',
        tags: ['signals'],
        querystring: ListSignalsInput,
      },
    },
    async (request) => listSignals({ ctx: contextFor(request), input: request.query }),
  );
}
