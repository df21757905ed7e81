import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AgentResultsInput, agentResults } from '../../services/agents/report-results.js';
import {
  CreateProbeTokenInput,
  createProbeToken,
} from '../../services/agents/create-probe-token.js';
import { agentMonitors } from '../../services/agents/fetch-monitors.js';
import { listAgents } from '../../services/agents/list.js';
import type { ContextFor } from '../context-for.js';

const LocationQuery = Type.Object(
  {
    location: Type.String({ minLength: 1, description: 'the agent location, like frankfurt' }),
    version: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

/** Probe agents at other locations: what they run, what they report, their tokens. */
export function agentRoutes(api: FastifyInstance, contextFor: ContextFor) {
  api.get<{ Querystring: { location: string; version?: string } }>(
    '/agent/monitors',
    {
      config: { probe: true },
      schema: {
        summary: 'What a probe agent at a location runs',
        tags: ['agents'],
        querystring: LocationQuery,
      },
    },
    async (request) => agentMonitors({ ctx: contextFor(request), input: request.query }),
  );
  api.post<{ Querystring: { location: string } }>(
    '/agent/results',
    {
      config: { probe: true },
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        summary: 'A probe agent’s check results (also its heartbeat)',
        tags: ['agents'],
        querystring: LocationQuery,
        body: AgentResultsInput,
      },
    },
    async (request) =>
      agentResults({
        ctx: contextFor(request),
        input: { location: request.query.location, body: request.body },
      }),
  );
  api.get(
    '/agents',
    { schema: { summary: 'Probe agents and whether they report', tags: ['agents'] } },
    async (request) => listAgents({ ctx: contextFor(request) }),
  );
  api.post(
    '/agents/tokens',
    {
      schema: {
        summary: 'A token for `surety agent` at one location (admin)',
        tags: ['agents'],
        body: CreateProbeTokenInput,
      },
    },
    async (request, reply) => {
      reply.status(201);
      return createProbeToken({ ctx: contextFor(request), input: request.body });
    },
  );
}
