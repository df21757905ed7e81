import { notFound } from '../../domain/errors.js';
import { evaluateTicketClocks } from '../../evaluate/clocks/ticket-clocks.js';
import { canSee } from '../authorize.js';
import { ticketView } from './view.js';
/** One ticket with its clocks as of this moment, derived afresh from its history. */
export async function getTicket({ ctx, input }) {
    const ticket = await ctx.store.tickets.get(input.id);
    // Another customer's ticket is "not found", not "forbidden": its existence is not theirs to know.
    if (!ticket || !canSee(ctx.caller, ticket.customer))
        throw notFound(`no ticket ${input.id}`);
    const customer = await ctx.store.customers.get(ticket.customer);
    const clocks = evaluateTicketClocks(ctx.policy, ticket, customer, ctx.time.now());
    return ticketView(ctx.policy, ticket, clocks);
}
//# sourceMappingURL=get.js.map