import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AddEventInput, addTicketEvent } from '../../services/tickets/add-event.js';
import { CreateTicketInput, createTicket } from '../../services/tickets/create.js';
import { getTicket } from '../../services/tickets/get.js';
import { ImportTicketsInput, MAX_IMPORT } from '../../services/tickets/import-input.js';
import { importTickets } from '../../services/tickets/import.js';
import { ListTicketsInput, listTickets } from '../../services/tickets/list.js';
import type { ContextFor } from '../context-for.js';
import type { AvailabilityCreditFacts } from '../../services/credits/availability-credit-facts.js';
import { replies } from '../replies/components.js';
import { CorrectEventInput, correctTicketEvent } from '../../services/tickets/correct-event.js';
import { listTicketCorrections } from '../../services/tickets/list-corrections.js';

const TicketParams = Type.Object(
  { id: Type.String({ pattern: '^[0-9]{1,15}$', description: 'a ticket id (a number)' }) },
  { additionalProperties: false },
);

const EventParams = Type.Object(
  {
    id: Type.String({ pattern: '^[0-9]{1,15}$', description: 'a ticket id (a number)' }),
    seq: Type.String({
      pattern: '^[0-9]{1,9}$',
      description: "the event's number in the ticket's history",
    }),
  },
  { additionalProperties: false },
);

export function ticketRoutes(
  api: FastifyInstance,
  contextFor: ContextFor,
  availability?: AvailabilityCreditFacts | undefined,
) {
  api.post(
    '/tickets',
    {
      schema: {
        summary: 'Open a ticket (or import one with a past createdAt)',
        tags: ['tickets'],
        body: CreateTicketInput,
      },
    },
    async (request, reply) => {
      reply.status(201);
      return createTicket({ ctx: contextFor(request), input: request.body });
    },
  );

  api.post(
    '/tickets/import',
    {
      bodyLimit: 64 * 1024 * 1024,
      schema: {
        summary: `Import up to ${MAX_IMPORT} tickets with their histories, all or nothing`,
        tags: ['tickets'],
        body: ImportTicketsInput,
      },
    },
    async (request, reply) => {
      reply.status(201);
      return importTickets({ ctx: contextFor(request), input: request.body, availability });
    },
  );

  api.get(
    '/tickets',
    {
      schema: {
        summary: 'The ticket queue: breached first, then the nearest deadline',
        tags: ['tickets'],
        querystring: ListTicketsInput,
        response: replies('TicketList'),
      },
    },
    async (request) => listTickets({ ctx: contextFor(request), input: request.query }),
  );

  api.get<{ Params: { id: string } }>(
    '/tickets/:id',
    {
      schema: {
        summary: 'A ticket with its events and live SLA clocks',
        tags: ['tickets'],
        params: TicketParams,
      },
    },
    async (request) =>
      getTicket({ ctx: contextFor(request), input: { id: Number(request.params.id) } }),
  );

  api.post<{ Params: { id: string } }>(
    '/tickets/:id/events',
    {
      schema: {
        summary: 'Record what happened to a ticket (in time order)',
        tags: ['tickets'],
        params: TicketParams,
        body: AddEventInput,
      },
    },
    async (request, reply) => {
      reply.status(201);
      return addTicketEvent({
        ctx: contextFor(request),
        input: { ticketId: Number(request.params.id), event: request.body },
      });
    },
  );

  api.post<{ Params: { id: string; seq: string } }>(
    '/tickets/:id/events/:seq/correct',
    {
      schema: {
        summary:
          'Correct a recorded event (or remove it): clocks, compliance and credits follow, with an audit entry',
        tags: ['tickets'],
        params: EventParams,
        body: CorrectEventInput,
      },
    },
    async (request, reply) => {
      reply.status(201);
      return correctTicketEvent({
        ctx: contextFor(request),
        input: {
          ticketId: Number(request.params.id),
          seq: Number(request.params.seq),
          body: request.body,
        },
        availability,
      });
    },
  );

  api.get<{ Params: { id: string } }>(
    '/tickets/:id/corrections',
    {
      schema: {
        summary: "Who corrected the ticket's history, when, why, and what followed",
        tags: ['tickets'],
        params: TicketParams,
      },
    },
    async (request) =>
      listTicketCorrections({
        ctx: contextFor(request),
        input: { ticketId: Number(request.params.id) },
      }),
  );
}
