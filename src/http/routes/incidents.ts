import type { FastifyInstance } from 'fastify';
import { IncidentEventInput, addIncidentEvent } from '../../services/incidents/add-event.js';
import { OpenIncidentInput, openIncidentByHand } from '../../services/incidents/open-by-hand.js';
import { ListIncidentsInput, listIncidents } from '../../services/incidents/list.js';
import { getIncident } from '../../services/incidents/get.js';
import type { ContextFor } from '../context-for.js';
import { replies } from '../replies/components.js';
import { NumberParams } from './route-params.js';

/** Incidents: opened by the probes or by hand, and moved on by people. */
export function incidentRoutes(api: FastifyInstance, contextFor: ContextFor) {
  api.get(
    '/incidents',
    {
      schema: {
        summary: 'Incidents, newest first (service=, state=)',
        tags: ['availability'],
        querystring: ListIncidentsInput,
        response: replies('IncidentList'),
      },
    },
    async (request) => listIncidents({ ctx: contextFor(request), input: request.query }),
  );
  api.post(
    '/incidents',
    {
      schema: {
        summary: 'Open an incident by hand',
        tags: ['availability'],
        body: OpenIncidentInput,
      },
    },
    async (request, reply) => {
      reply.status(201);
      return openIncidentByHand({ ctx: contextFor(request), input: request.body });
    },
  );
  api.get<{ Params: { id: string } }>(
    '/incidents/:id',
    {
      schema: {
        summary: 'An incident with its timeline and clocks',
        tags: ['availability'],
        params: NumberParams,
      },
    },
    async (request) =>
      getIncident({ ctx: contextFor(request), input: { id: Number(request.params.id) } }),
  );
  api.post<{ Params: { id: string } }>(
    '/incidents/:id/events',
    {
      schema: {
        summary: 'Acknowledge, mitigate, resolve, or add a note',
        tags: ['availability'],
        params: NumberParams,
        body: IncidentEventInput,
      },
    },
    async (request, reply) => {
      reply.status(201);
      return addIncidentEvent({
        ctx: contextFor(request),
        input: { id: Number(request.params.id), event: request.body },
      });
    },
  );
}
