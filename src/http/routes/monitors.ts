import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { MonitorDefinitionSchema } from '../../policy/monitors/monitor-definition.js';
import { MonitorHistoryInput, monitorHistory } from '../../services/monitors/history.js';
import { ListMonitorsInput, listMonitors } from '../../services/monitors/list.js';
import { getMonitor } from '../../services/monitors/get.js';
import { createMonitor, removeMonitor, replaceMonitor } from '../../services/monitors/save.js';
import type { ContextFor } from '../context-for.js';
import { replies } from '../replies/components.js';
import type { AvailabilityRouteDeps } from './availability-deps.js';
import { IdParams } from './route-params.js';
import { pingRoutes } from './pings.js';

/** The contract form most tools send; the policy file's own fields are accepted too. */
const MonitorBody = Type.Union([
  Type.Object(
    {
      id: Type.String(),
      service: Type.String(),
      type: Type.String({ enum: ['http', 'tcp', 'dns', 'heartbeat'] }),
      target: Type.Optional(
        Type.String({
          description: 'http: the URL; tcp: host:port; dns: the name to query; heartbeat: none',
        }),
      ),
      intervalSeconds: Type.Optional(
        Type.Number({
          description:
            'how often to check (30 by default); for a heartbeat, how often the job reports in',
        }),
      ),
      failuresBeforeDown: Type.Optional(Type.Integer({ minimum: 1 })),
      customer: Type.Optional(Type.String()),
      locations: Type.Optional(Type.Array(Type.String())),
    },
    { additionalProperties: true },
  ),
  MonitorDefinitionSchema,
]);

/** Monitors: defined here or in the policy, with their state and history. */
export function monitorRoutes(
  api: FastifyInstance,
  contextFor: ContextFor,
  deps: AvailabilityRouteDeps,
) {
  const changed = <T>(result: T): T => {
    deps.changed?.();
    return result;
  };
  api.post(
    '/monitors',
    { schema: { summary: 'Create a monitor (admin)', tags: ['availability'], body: MonitorBody } },
    async (request, reply) => {
      reply.status(201);
      return changed(await createMonitor({ ctx: contextFor(request), input: request.body }));
    },
  );
  api.get(
    '/monitors',
    {
      schema: {
        summary: 'Monitors with their live state (up, down, unknown)',
        tags: ['availability'],
        querystring: ListMonitorsInput,
        response: replies('MonitorList'),
      },
    },
    async (request) => listMonitors({ ctx: contextFor(request), input: request.query }),
  );
  api.get<{ Params: { id: string } }>(
    '/monitors/:id',
    {
      schema: {
        summary: 'A monitor, its state across locations and each location’s last check',
        tags: ['availability'],
        params: IdParams,
      },
    },
    async (request) => getMonitor({ ctx: contextFor(request), input: { id: request.params.id } }),
  );
  api.put<{ Params: { id: string } }>(
    '/monitors/:id',
    {
      schema: {
        summary: 'Create or replace a monitor (admin)',
        tags: ['availability'],
        params: IdParams,
        body: MonitorBody,
      },
    },
    async (request) =>
      changed(
        await replaceMonitor({
          ctx: contextFor(request),
          input: { id: request.params.id, body: request.body },
        }),
      ),
  );
  api.delete<{ Params: { id: string } }>(
    '/monitors/:id',
    {
      schema: {
        summary: 'Remove a monitor (admin); its history stays',
        tags: ['availability'],
        params: IdParams,
      },
    },
    async (request) =>
      changed(await removeMonitor({ ctx: contextFor(request), input: { id: request.params.id } })),
  );
  api.get<{ Params: { id: string } }>(
    '/monitors/:id/history',
    {
      schema: {
        summary: 'A monitor’s checks, failures and latency per hour, and its down spans',
        tags: ['availability'],
        params: IdParams,
        querystring: MonitorHistoryInput,
      },
    },
    async (request) =>
      monitorHistory({
        ctx: contextFor(request),
        input: { id: request.params.id, query: request.query },
      }),
  );
  // In a plugin of their own: the form parser below (curl -d) is for pings only.
  api.register(async (pings) => pingRoutes(pings, contextFor, deps));
}
