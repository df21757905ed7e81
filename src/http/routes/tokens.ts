import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { CreateTokenInput, createToken } from '../../services/tokens/create.js';
import { listTokens } from '../../services/tokens/list.js';
import { revokeToken } from '../../services/tokens/revoke.js';
import type { ContextFor } from '../context-for.js';

export function tokenRoutes(api: FastifyInstance, contextFor: ContextFor) {
  api.post(
    '/tokens',
    {
      schema: {
        summary: 'Issue a token (admin); the secret is shown once',
        tags: ['tokens'],
        body: CreateTokenInput,
      },
    },
    async (request, reply) => {
      reply.status(201);
      return createToken({ ctx: contextFor(request), input: request.body });
    },
  );
  api.get(
    '/tokens',
    { schema: { summary: 'List tokens without their secrets (admin)', tags: ['tokens'] } },
    async (request) => ({ tokens: await listTokens({ ctx: contextFor(request) }) }),
  );
  api.delete<{ Params: { id: string } }>(
    '/tokens/:id',
    {
      schema: {
        summary: 'Revoke a token (admin)',
        tags: ['tokens'],
        params: Type.Object({ id: Type.String({ minLength: 1 }) }),
      },
    },
    async (request) => revokeToken({ ctx: contextFor(request), input: { id: request.params.id } }),
  );
}
