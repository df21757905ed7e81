import { Type, type Static } from 'typebox';
import {
  SuretyError,
  conflict,
  invalidInput,
  notFound,
  type ErrorDetail,
} from '../../domain/errors.js';
import { formatDuration } from '../../domain/duration.js';
import { toIso } from '../../domain/time.js';
import { evaluateTicketClocks } from '../../evaluate/clocks/ticket-clocks.js';
import {
  PRIORITIES,
  TICKET_EVENT_TYPES,
  TICKET_KINDS,
  type TicketEvent,
  type TicketEventType,
} from '../../domain/ticket.js';
import { applyEvent, replay } from '../../sources/tickets/lifecycle.js';
import { oneOf, strictObject } from '../../validation/schema-kit.js';
import { canSee, requireRole } from '../authorize.js';
import { recorderOf, type ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';
import { refreshClocks } from '../clocks/refresh.js';
import { audit } from '../audit/record.js';
import { ticketState } from '../audit/snapshots.js';
import { pastOrNow } from './timestamps.js';
import { ticketView } from './view.js';
import { policyAt } from '../policy/terms.js';

export const AddEventInput = strictObject({
  type: oneOf(TICKET_EVENT_TYPES),
  at: Type.Optional(
    Type.String({
      description: "an RFC 3339 date-time, not before the ticket's last event; now when omitted",
    }),
  ),
  rating: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 5, description: 'with "rated": satisfaction from 1 to 5' }),
  ),
  kind: Type.Optional(
    oneOf(TICKET_KINDS, { description: 'with "classified": the corrected kind' }),
  ),
  priority: Type.Optional(
    oneOf(PRIORITIES, { description: 'with "classified": the corrected priority' }),
  ),
  note: Type.Optional(Type.String({ maxLength: 10_000 })),
  actor: Type.Optional(Type.String({ maxLength: 200, description: 'who did it, for the record' })),
});
export type AddEventInput = Static<typeof AddEventInput>;

/** What a customer may record on its own tickets; the rest is the service desk's to say. */
const CUSTOMER_EVENTS: readonly TicketEventType[] = ['customer_replied', 'rated'];

export async function addTicketEvent({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { ticketId: number; event: unknown };
}) {
  requireRole(ctx.caller, ['admin', 'agent', 'customer'], 'recording a ticket event');
  const body = parseInput(AddEventInput, input.event, 'invalid event');
  const misplaced = misplacedField(body);
  if (misplaced)
    throw invalidInput(`invalid event: ${misplaced.path.slice(1)}: ${misplaced.message}`, [
      misplaced,
    ]);
  if (ctx.caller.role === 'customer' && !CUSTOMER_EVENTS.includes(body.type)) {
    throw new SuretyError(
      'forbidden',
      `a customer token can record only ${CUSTOMER_EVENTS.join(' and ')}; "${body.type}" is the service desk's to record`,
    );
  }
  if (ctx.caller.role === 'customer' && body.at !== undefined)
    throw invalidInput(
      'invalid event: at: a customer token cannot date an event; leave at out and Surety records the time it receives it',
      [{ path: '/at', message: 'not allowed for a customer token' }],
    );
  const now = ctx.time.now();
  const at = pastOrNow(body.at, now, 'at');
  const tolerance = ctx.policy.lateEntryToleranceMs;
  const late = now - at > tolerance;
  // Only an admin may date an event far back: otherwise whoever missed a deadline could
  // record that they had met it.
  if (late && ctx.caller.role !== 'admin')
    throw new SuretyError(
      'late_entry',
      `at: ${toIso(at)} is ${formatDuration(now - at)} ago, more than the policy's late-entry tolerance of ${formatDuration(tolerance)}; record what happened now, or have an admin correct the history (POST /api/v1/tickets/${input.ticketId}/events/{seq}/correct with a reason)`,
      [{ path: '/at', message: `more than ${formatDuration(tolerance)} ago: a late entry` }],
    );
  return ctx.store.transaction(async (tx) => {
    const ticket = await tx.tickets.get(input.ticketId, { lock: true });
    if (!ticket || !canSee(ctx.caller, ticket.customer))
      throw notFound(`no ticket ${input.ticketId}`);
    const last = ticket.events[ticket.events.length - 1];
    const lastAt = last?.at ?? ticket.createdAt;
    if (at < lastAt) {
      throw conflict(
        `at: ${toIso(at)} is before the ticket's ${last ? `last event (${last.type} at ${toIso(last.at)})` : `creation (${toIso(ticket.createdAt)})`}; events are recorded in the order they happened`,
      );
    }
    const state = replay(ticket.kind, ticket.priority, ticket.events);
    const next = applyEvent(state, body);
    if (typeof next === 'string') throw conflict(`ticket ${ticket.id}: ${next}`);
    const event: TicketEvent = {
      seq: (last?.seq ?? 0) + 1,
      type: body.type,
      at,
      recordedAt: now,
      recordedBy: recorderOf(ctx.caller),
      late: late || undefined,
      actor:
        body.actor ??
        (ctx.caller.role === 'customer' ? `customer:${ctx.caller.customer}` : undefined),
      note: body.note,
      rating: body.rating,
      kind: body.kind,
      priority: body.priority,
    };
    await tx.tickets.appendEvents(ticket.id, [event]);
    const updated = { ...ticket, events: [...ticket.events, event] };
    const customer = await tx.customers.get(ticket.customer);
    const terms = policyAt(ctx, ticket.createdAt);
    const before = late ? evaluateTicketClocks(terms, ticket, customer, now) : [];
    const { clocks } = await refreshClocks(tx, terms, updated, customer, now);
    // A breach already signalled is withdrawn only by a correction, which carries a reason and
    // re-derives the credits with an audit trail; the transaction rolls back.
    const withdrawn = before.filter(
      (b) =>
        b.breachedAt !== null &&
        // A clock the entry removed (a reclassification) withdraws its breach too.
        (clocks.find((c) => c.commitment === b.commitment)?.breachedAt ?? null) === null,
    );
    if (withdrawn.length > 0)
      throw conflict(
        `this late entry would withdraw the breach of ${withdrawn.map((b) => `${b.commitment} (breached at ${toIso(b.breachedAt!)})`).join(', ')}; make it as a correction with a reason (POST /api/v1/tickets/${ticket.id}/events/{seq}/correct)`,
      );
    await audit(tx, ctx, {
      action: late ? 'ticket.late_event_added' : 'ticket.event_added',
      type: 'ticket',
      id: ticket.id,
      state: ticketState(updated),
    });
    return ticketView(terms, updated, clocks);
  });
}

/** Fields that belong to one event type only, checked so a misplaced one is not silently dropped. */
export function misplacedField(
  e: Pick<AddEventInput, 'type' | 'rating' | 'kind' | 'priority'>,
): ErrorDetail | undefined {
  if (e.type === 'rated' && e.rating === undefined)
    return { path: '/rating', message: 'a "rated" event needs a rating from 1 to 5' };
  if (e.type !== 'rated' && e.rating !== undefined)
    return { path: '/rating', message: `only a "rated" event carries a rating, not "${e.type}"` };
  for (const f of ['kind', 'priority'] as const) {
    if (e[f] !== undefined && e.type !== 'classified')
      return {
        path: `/${f}`,
        message: `only a "classified" event changes the ${f}, not "${e.type}"`,
      };
  }
  return undefined;
}
