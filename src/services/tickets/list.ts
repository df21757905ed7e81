import { Type, type Static } from 'typebox';
import { SuretyError } from '../../domain/errors.js';
import { PRIORITIES, TICKET_KINDS, type TicketStatus } from '../../domain/ticket.js';
import { evaluateTicketClocks } from '../../evaluate/clocks/ticket-clocks.js';
import { oneOf, strictObject } from '../../validation/schema-kit.js';
import { scopeOf } from '../authorize.js';
import { sweepClocks } from '../clocks/sweep.js';
import type { ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';
import { ticketView } from './view.js';
import { policyAt } from '../policy/terms.js';

const STATUSES = ['new', 'open', 'waiting', 'resolved', 'closed', 'active'] as const;

export const ListTicketsInput = strictObject({
  customer: Type.Optional(Type.String({ minLength: 1 })),
  status: Type.Optional(oneOf(STATUSES, { description: '"active" means new, open or waiting' })),
  kind: Type.Optional(oneOf(TICKET_KINDS)),
  priority: Type.Optional(oneOf(PRIORITIES)),
  breached: Type.Optional(oneOf(['true', 'false'] as const)),
  expedited: Type.Optional(
    oneOf(['true', 'false'] as const, {
      description: 'only tickets whose expedite channel is (or is not) open',
    }),
  ),
  order: Type.Optional(
    oneOf(['queue', 'newest'] as const, {
      description:
        'queue: expedited first, then breached, then the nearest deadline (default); newest: by creation',
    }),
  ),
  limit: Type.Optional(
    Type.String({ pattern: '^[0-9]{1,3}$', description: 'page size, up to 500 (50 by default)' }),
  ),
  offset: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$', description: 'how many to skip' })),
});
export type ListTicketsInput = Static<typeof ListTicketsInput>;

/** The ticket queue, filtered; customers see only their own. */
export async function listTickets({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  const q = parseInput(ListTicketsInput, input, 'invalid ticket query');
  const scope = scopeOf(ctx.caller);
  if (scope !== undefined && q.customer !== undefined && q.customer !== scope) {
    throw new SuretyError('forbidden', 'customer: a customer token can list only its own tickets');
  }
  const limit = Math.min(Number(q.limit ?? 50), 500);
  // The breached flag and queue order are stored; settle any deadline passed since the last sweep first.
  await sweepClocks({ ctx });
  const statuses: TicketStatus[] | undefined =
    q.status === 'active' ? ['new', 'open', 'waiting'] : q.status ? [q.status] : undefined;
  const { tickets, total } = await ctx.store.tickets.list({
    customer: scope ?? q.customer,
    statuses,
    kind: q.kind,
    priority: q.priority,
    breached: q.breached === undefined ? undefined : q.breached === 'true',
    expedited: q.expedited === undefined ? undefined : q.expedited === 'true',
    order: q.order ?? 'queue',
    limit,
    offset: Number(q.offset ?? 0),
  });
  const now = ctx.time.now();
  const ids = [...new Set(tickets.map((t) => t.customer))];
  const customers = new Map(
    await Promise.all(ids.map(async (id) => [id, await ctx.store.customers.get(id)] as const)),
  );
  return {
    total,
    tickets: tickets.map((t) =>
      ticketView(
        policyAt(ctx, t.createdAt),
        t,
        evaluateTicketClocks(policyAt(ctx, t.createdAt), t, customers.get(t.customer), now),
        { events: false },
      ),
    ),
  };
}
