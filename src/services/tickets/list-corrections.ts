import { notFound } from '../../domain/errors.js';
import { canSee } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { correctionView } from './correct-history.js';

/** A ticket's corrections, oldest first: who changed its history, when, why, and what followed. A customer sees its own tickets'. */
export async function listTicketCorrections({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { ticketId: number };
}) {
  const ticket = await ctx.store.tickets.get(input.ticketId);
  if (!ticket || !canSee(ctx.caller, ticket.customer))
    throw notFound(`no ticket ${input.ticketId}`);
  return {
    ticket: ticket.id,
    corrections: (await ctx.store.corrections.forTicket(ticket.id)).map(correctionView),
  };
}
