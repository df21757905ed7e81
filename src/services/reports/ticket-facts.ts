import { evaluateTicketClocks } from '../../evaluate/clocks/ticket-clocks.js';
import type { TicketFacts } from '../../reports/facts.js';
import type { ServiceContext } from '../context.js';
import { ticketView } from '../tickets/view.js';
import { policyAt } from '../policy/terms.js';

/** More tickets than this in one period go into the report's figures but not its ticket lists. */
const MAX_TICKETS = 50_000;

/** Ids of the tickets created in [from, to), whatever their kind, oldest first. */
export async function createdBetween(
  ctx: ServiceContext,
  from: number,
  to: number,
  customer: string | undefined,
): Promise<number[]> {
  const rows = await ctx.store.tickets.idsCreated(from, to, undefined, customer, MAX_TICKETS);
  return rows.map((r) => r.ticketId);
}

export async function ticketFacts(
  ctx: ServiceContext,
  ids: readonly number[],
): Promise<TicketFacts[]> {
  const tickets = await ctx.store.tickets.getMany(ids);
  const customers = new Map((await ctx.store.customers.list()).map((c) => [c.id, c]));
  const now = ctx.time.now();
  return tickets.map((t) => {
    const terms = policyAt(ctx, t.createdAt);
    const v = ticketView(terms, t, evaluateTicketClocks(terms, t, customers.get(t.customer), now));
    return {
      id: v.id,
      customer: v.customer,
      kind: v.kind,
      priority: v.priority,
      channel: v.channel,
      subject: v.subject,
      status: v.status,
      createdAt: v.createdAt,
      rating: v.rating ?? null,
      decision: v.decision ?? null,
      breached: v.breached,
      clocks: v.clocks.map((c) => ({
        commitment: c.commitment,
        state: c.state,
        targetMs: c.targetMs,
        dueAt: c.dueAt,
        stoppedAt: c.stoppedAt,
        breachedAt: c.breachedAt,
        elapsedMs: c.elapsedMs,
      })),
      events: (v.events ?? []).map((e) => ({ type: e.type, at: e.at })),
    };
  });
}
