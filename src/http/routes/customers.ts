import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { CreateCustomerInput } from '../../services/customers/create.js';
import { createCustomer } from '../../services/customers/create.js';
import { getCustomer, listCustomers } from '../../services/customers/list.js';
import type { ContextFor } from '../context-for.js';

const IdParams = Type.Object({ id: Type.String({ minLength: 1 }) });

export function customerRoutes(api: FastifyInstance, contextFor: ContextFor) {
  api.post(
    '/customers',
    {
      schema: {
        summary: 'Create a customer (admin)',
        tags: ['customers'],
        body: CreateCustomerInput,
      },
    },
    async (request, reply) => {
      reply.status(201);
      return createCustomer({ ctx: contextFor(request), input: request.body });
    },
  );
  api.get(
    '/customers',
    { schema: { summary: 'List customers (admin, agent)', tags: ['customers'] } },
    async (request) => ({
      customers: await listCustomers({ ctx: contextFor(request) }),
    }),
  );
  api.get<{ Params: { id: string } }>(
    '/customers/:id',
    { schema: { summary: 'One customer', tags: ['customers'], params: IdParams } },
    async (request) => getCustomer({ ctx: contextFor(request), input: { id: request.params.id } }),
  );
}
