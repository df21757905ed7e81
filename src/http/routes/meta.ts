import type { FastifyInstance } from 'fastify';
import { toIso } from '../../domain/time.js';
import { formatTarget } from '../../policy/format-target.js';
import type { ContextFor } from '../context-for.js';
import { replies } from '../replies/components.js';

export function metaRoutes(api: FastifyInstance, contextFor: ContextFor, openapi: () => unknown) {
  api.get(
    '/health',
    {
      config: { public: true },
      schema: { summary: 'Liveness: answers when the server is up', tags: ['meta'], security: [] },
    },
    async () => ({
      status: 'ok',
    }),
  );

  api.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    openapi(),
  );

  api.get(
    '/whoami',
    {
      schema: {
        summary: 'The role (and customer) of the presented token',
        tags: ['meta'],
        response: replies('Whoami'),
      },
    },
    async (request) => ({
      role: request.caller.role,
      customer: request.caller.customer ?? null,
      token: request.caller.id,
    }),
  );

  api.get(
    '/policy',
    {
      schema: {
        summary: 'The commitments of the running policy',
        tags: ['meta'],
        response: replies('PolicySummary'),
      },
    },
    async (request) => {
      const { policy, time } = contextFor(request);
      return {
        name: policy.name,
        timezone: policy.timezone,
        currency: policy.currency,
        hash: policy.hash,
        now: toIso(time.now()),
        commitments: policy.commitments.map((c) => ({
          id: c.id,
          name: c.name,
          measure: c.measure,
          type: c.type,
          target: formatTarget(c),
          appliesTo: c.appliesTo,
          onBreach: c.onBreach,
          ...(c.type !== 'aggregate'
            ? { calendar: c.calendar.name, warnAt: c.warnAt }
            : { window: c.window }),
        })),
        plans: [...policy.plans.values()].map((p) => ({
          id: p.id,
          name: p.name ?? null,
          overrides: Object.fromEntries(
            [...p.overrides].map(([id, t]) => [
              id,
              formatTarget(
                policy.commitments.find((c) => c.id === id)!,
                t,
              ),
            ]),
          ),
        })),
      };
    },
  );
}
