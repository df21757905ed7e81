import { Type, type Static } from 'typebox';
import { invalidInput, notFound } from '../../domain/errors.js';
import { parseInstant, toIso } from '../../domain/time.js';
import {
  PRIORITIES,
  TICKET_EVENT_TYPES,
  TICKET_KINDS,
  type TicketEvent,
} from '../../domain/ticket.js';
import { oneOf, strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import { recorderOf, type ServiceContext } from '../context.js';
import type { AvailabilityCreditFacts } from '../credits/availability-credit-facts.js';
import { parseInput } from '../parse-input.js';
import { misplacedField } from './add-event.js';
import {
  applyCorrection,
  correctionView,
  recomputeCorrectedCredits,
  sameHistory,
} from './correct-history.js';
import { ticketView } from './view.js';
import { policyAt } from '../policy/terms.js';

export const CorrectEventInput = strictObject({
  reason: Type.String({
    minLength: 3,
    maxLength: 2000,
    description: 'why the recorded event was wrong, for the audit trail',
  }),
  by: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'who corrects it (the token by default)',
    }),
  ),
  remove: Type.Optional(
    Type.Boolean({ description: 'true: the event never happened and is struck from the history' }),
  ),
  type: Type.Optional(oneOf(TICKET_EVENT_TYPES, { description: 'the event it really was' })),
  at: Type.Optional(Type.String({ description: 'when it really happened (RFC 3339)' })),
  rating: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
  kind: Type.Optional(oneOf(TICKET_KINDS)),
  priority: Type.Optional(oneOf(PRIORITIES)),
  note: Type.Optional(Type.String({ maxLength: 10_000 })),
  actor: Type.Optional(
    Type.String({ maxLength: 200, description: 'who did what the event records' }),
  ),
});
export type CorrectEventInput = Static<typeof CorrectEventInput>;

const CHANGES = ['type', 'at', 'rating', 'kind', 'priority', 'note', 'actor'] as const;

/**
 * Corrects one recorded event of a ticket (an imported time that was wrong, an answer that
 * was really a staged solution, an event that never happened). The history stays in time
 * order (a moved event takes its place among the others, and events are numbered again),
 * every clock is re-derived from it, in one transaction with an audit entry naming who
 * corrected what and why; then the credit months it touches are recomputed, their audit
 * entries naming the correction.
 */
export async function correctTicketEvent({
  ctx,
  input,
  availability,
}: {
  ctx: ServiceContext;
  input: { ticketId: number; seq: number; body: unknown };
  availability?: AvailabilityCreditFacts | undefined;
}) {
  requireRole(ctx.caller, ['admin'], "correcting a ticket's history");
  const body = parseInput(CorrectEventInput, input.body, 'invalid correction');
  const given = CHANGES.filter((f) => body[f] !== undefined);
  if (body.remove && given.length > 0)
    throw invalidInput(
      `invalid correction: an event that is removed takes no new ${given.join(', ')}; send either remove: true or the corrected fields`,
      given.map((f) => ({ path: `/${f}`, message: 'conflicts with remove' })),
    );
  if (!body.remove && given.length === 0)
    throw invalidInput(
      'invalid correction: say what is wrong with the event (type, at, rating, kind, priority, note, actor) or remove it (remove: true)',
      [{ path: '', message: 'nothing to correct' }],
    );
  const now = ctx.time.now();
  let at: number | undefined;
  if (body.at !== undefined) {
    at = parseInstant(body.at);
    if (at === undefined)
      throw invalidInput(
        `at: "${body.at}" is not a date-time with a time zone, like 2026-10-05T09:30:00Z`,
        [{ path: '/at', message: 'not an RFC 3339 date-time' }],
      );
    if (at > now)
      throw invalidInput(
        `at: ${body.at} is in the future (it is now ${toIso(now)}); a correction says what did happen`,
        [{ path: '/at', message: 'in the future' }],
      );
  }
  const actor = body.by ?? ctx.caller.id;

  const applied = await ctx.store.transaction(async (tx) => {
    const ticket = await tx.tickets.get(input.ticketId, { lock: true });
    if (!ticket) throw notFound(`no ticket ${input.ticketId}`);
    const index = ticket.events.findIndex((e) => e.seq === input.seq);
    if (index < 0)
      throw notFound(
        `ticket ${ticket.id} has no event ${input.seq}; its events are numbered 1 to ${ticket.events.length}`,
      );
    const old = ticket.events[index]!;
    const events: TicketEvent[] = [...ticket.events];
    if (body.remove) events.splice(index, 1);
    else {
      const type = body.type ?? old.type;
      // Fields that belong to the old type only go with it, unless given again.
      const corrected: TicketEvent = {
        ...old,
        type,
        at: at ?? old.at,
        recordedAt: now,
        recordedBy: recorderOf(ctx.caller),
        rating: body.rating ?? (type === 'rated' ? old.rating : undefined),
        kind: body.kind ?? (type === 'classified' ? old.kind : undefined),
        priority: body.priority ?? (type === 'classified' ? old.priority : undefined),
        note: body.note ?? old.note,
        actor: body.actor ?? old.actor,
      };
      const misplaced = misplacedField(corrected);
      if (misplaced)
        throw invalidInput(`invalid correction: ${misplaced.path.slice(1)}: ${misplaced.message}`, [
          misplaced,
        ]);
      events.splice(index, 1);
      // Its place in time: after every event at or before its time (stable for the others).
      let to = events.findIndex((e) => e.at > corrected.at);
      if (to < 0) to = events.length;
      events.splice(to, 0, corrected);
    }
    const next = { ticket, events };
    if (sameHistory(ticket, next))
      throw invalidInput(
        `invalid correction: event ${input.seq} of ticket ${ticket.id} already says that; nothing to correct`,
        [{ path: '', message: 'no change' }],
      );
    return applyCorrection(tx, ctx, ticket, next, {
      action: body.remove ? 'event_removed' : 'event_corrected',
      seq: input.seq,
      reason: body.reason,
      actor,
    });
  });
  const credits = await recomputeCorrectedCredits(ctx, [applied], actor, availability);
  const effects = { ...applied.correction.effects, credits };
  return {
    correction: correctionView({ ...applied.correction, effects }),
    ticket: ticketView(
      policyAt(ctx, applied.ticket.createdAt),
      (await ctx.store.tickets.get(applied.ticket.id))!,
      applied.clocks,
    ),
  };
}
