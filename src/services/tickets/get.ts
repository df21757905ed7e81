import { notFound } from '../../domain/errors.js';
import { evaluateTicketClocks } from '../../evaluate/clocks/ticket-clocks.js';
import { canSee } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { ticketView } from './view.js';
import { policyAt } from '../policy/terms.js';

/** One ticket with its clocks as of this moment, derived afresh from its history. */
export async function getTicket({ ctx, input }: { ctx: ServiceContext; input: { id: number } }) {
  const ticket = await ctx.store.tickets.get(input.id);
  // Another customer's ticket is "not found", not "forbidden": its existence is not theirs to know.
  if (!ticket || !canSee(ctx.caller, ticket.customer)) throw notFound(`no ticket ${input.id}`);
  const customer = await ctx.store.customers.get(ticket.customer);
  // Judged by the terms in force when it was created, whatever the policy says now.
  const terms = policyAt(ctx, ticket.createdAt);
  const clocks = evaluateTicketClocks(terms, ticket, customer, ctx.time.now());
  return ticketView(terms, ticket, clocks);
}
