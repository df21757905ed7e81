import { Type } from 'typebox';
import { AddEventInput, addTicketEvent } from '../../services/tickets/add-event.js';
import { CreateTicketInput, createTicket } from '../../services/tickets/create.js';
import { getTicket } from '../../services/tickets/get.js';
import { ImportTicketsInput, MAX_IMPORT, importTickets } from '../../services/tickets/import.js';
import { ListTicketsInput, listTickets } from '../../services/tickets/list.js';
const TicketParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,15}$', description: 'a ticket id (a number)' }) }, { additionalProperties: false });
export function ticketRoutes(api, contextFor) {
    api.post('/tickets', { schema: { summary: 'Open a ticket (or import one with a past createdAt)', tags: ['tickets'], body: CreateTicketInput } }, async (request, reply) => {
        reply.status(201);
        return createTicket({ ctx: contextFor(request), input: request.body });
    });
    api.post('/tickets/import', { bodyLimit: 64 * 1024 * 1024, schema: { summary: `Import up to ${MAX_IMPORT} tickets with their histories, all or nothing`, tags: ['tickets'], body: ImportTicketsInput } }, async (request, reply) => {
        reply.status(201);
        return importTickets({ ctx: contextFor(request), input: request.body });
    });
    api.get('/tickets', { schema: { summary: 'The ticket queue: breached first, then the nearest deadline', tags: ['tickets'], querystring: ListTicketsInput } }, async (request) => listTickets({ ctx: contextFor(request), input: request.query }));
    api.get('/tickets/:id', { schema: { summary: 'A ticket with its events and live SLA clocks', tags: ['tickets'], params: TicketParams } }, async (request) => getTicket({ ctx: contextFor(request), input: { id: Number(request.params.id) } }));
    api.post('/tickets/:id/events', { schema: { summary: 'Record what happened to a ticket (in time order)', tags: ['tickets'], params: TicketParams, body: AddEventInput } }, async (request, reply) => {
        reply.status(201);
        return addTicketEvent({ ctx: contextFor(request), input: { ticketId: Number(request.params.id), event: request.body } });
    });
}
//# sourceMappingURL=tickets.js.map