import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { CreateImprovementInput, createImprovement } from '../../services/improvements/create.js';
import { getImprovement } from '../../services/improvements/get.js';
import { ListImprovementsInput, listImprovements } from '../../services/improvements/list.js';
import { ReviewImprovementInput, reviewImprovement } from '../../services/improvements/review.js';
import { UpdateImprovementInput, updateImprovement } from '../../services/improvements/update.js';
import type { ContextFor } from '../context-for.js';
import { replies } from '../replies/components.js';

const Params = Type.Object(
  { id: Type.String({ pattern: '^[0-9]{1,15}$', description: 'an improvement item id' }) },
  { additionalProperties: false },
);

/** The improvement plan: monthly items with owner, due date, linked breaches and status; quarterly reviews. */
export function improvementRoutes(api: FastifyInstance, contextFor: ContextFor) {
  api.get(
    '/improvements',
    {
      schema: {
        summary: 'The improvement plan (a month, a quarter, or all)',
        tags: ['improvements'],
        querystring: ListImprovementsInput,
        response: replies('ImprovementList'),
      },
    },
    async (request) => listImprovements({ ctx: contextFor(request), input: request.query }),
  );
  api.post(
    '/improvements',
    {
      schema: {
        summary: "Add an item to a month's improvement plan",
        tags: ['improvements'],
        body: CreateImprovementInput,
      },
    },
    async (request, reply) => {
      reply.status(201);
      return createImprovement({ ctx: contextFor(request), input: request.body });
    },
  );
  api.get<{ Params: { id: string } }>(
    '/improvements/:id',
    {
      schema: {
        summary: 'One improvement item with its reviews',
        tags: ['improvements'],
        params: Params,
      },
    },
    async (request) =>
      getImprovement({ ctx: contextFor(request), input: { id: Number(request.params.id) } }),
  );
  api.patch<{ Params: { id: string } }>(
    '/improvements/:id',
    {
      schema: {
        summary: 'Change an item: status, owner, due date, links',
        tags: ['improvements'],
        params: Params,
        body: UpdateImprovementInput,
      },
    },
    async (request) =>
      updateImprovement({
        ctx: contextFor(request),
        input: { id: Number(request.params.id), changes: request.body },
      }),
  );
  api.post<{ Params: { id: string } }>(
    '/improvements/:id/reviews',
    {
      schema: {
        summary: "Record the quarterly review of an item's effect",
        tags: ['improvements'],
        params: Params,
        body: ReviewImprovementInput,
      },
    },
    async (request, reply) => {
      reply.status(201);
      return reviewImprovement({
        ctx: contextFor(request),
        input: { id: Number(request.params.id), review: request.body },
      });
    },
  );
}
