import type { FastifyInstance } from 'fastify';
import { CreateMaintenanceInput, createMaintenance } from '../../services/maintenance/create.js';
import { ListMaintenanceInput, listMaintenance } from '../../services/maintenance/list.js';
import { cancelMaintenance } from '../../services/maintenance/cancel.js';
import type { ContextFor } from '../context-for.js';
import { NumberParams } from './route-params.js';

/** Planned maintenance windows, declared ahead (C-05, C-06). */
export function maintenanceRoutes(api: FastifyInstance, contextFor: ContextFor) {
  api.post(
    '/maintenance',
    {
      schema: {
        summary: 'Declare planned maintenance: { service, start, end } or { service, every }',
        tags: ['availability'],
        body: CreateMaintenanceInput,
      },
    },
    async (request, reply) => {
      reply.status(201);
      return createMaintenance({ ctx: contextFor(request), input: request.body });
    },
  );
  api.get(
    '/maintenance',
    {
      schema: {
        summary: 'Maintenance windows',
        tags: ['availability'],
        querystring: ListMaintenanceInput,
      },
    },
    async (request) => listMaintenance({ ctx: contextFor(request), input: request.query }),
  );
  api.delete<{ Params: { id: string } }>(
    '/maintenance/:id',
    {
      schema: {
        summary: 'Cancel a maintenance window (what already passed stays planned)',
        tags: ['availability'],
        params: NumberParams,
      },
    },
    async (request) =>
      cancelMaintenance({ ctx: contextFor(request), input: { id: Number(request.params.id) } }),
  );
}
