import { Type, type Static } from 'typebox';
import { SuretyError, invalidInput, type ErrorDetail } from '../../domain/errors.js';
import type { Instant } from '../../domain/time.js';
import { parseInstant } from '../../domain/time.js';
import type { TicketEvent } from '../../domain/ticket.js';
import { evaluateTicketClocks } from '../../evaluate/clocks/ticket-clocks.js';
import { applyEvent, initialState } from '../../sources/tickets/lifecycle.js';
import { strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';
import type { Store, StoredTicket } from '../store/index.js';
import type { AvailabilityFacts } from '../credits/availability-facts.js';
import { oneOf } from '../../validation/schema-kit.js';
import {
  applyCorrection,
  recomputeCorrectedCredits,
  sameHistory,
  type AppliedCorrection,
} from './correct-history.js';
import { AddEventInput, misplacedField } from './add-event.js';
import { CreateTicketInput } from './create.js';
import { clockRow, clockSignals, summarize } from './refresh-clocks.js';

export const MAX_IMPORT = 10_000;

const ImportedEvent = strictObject({
  ...AddEventInput.properties,
  at: Type.String({ description: 'when it happened (RFC 3339)' }),
});

export const ImportTicketsInput = strictObject({
  tickets: Type.Array(
    strictObject({
      ...CreateTicketInput.properties,
      customer: Type.String({ minLength: 1 }),
      createdAt: Type.String({ description: 'when the ticket was opened (RFC 3339)' }),
      events: Type.Optional(Type.Array(ImportedEvent, { maxItems: 1000 })),
    }),
    { minItems: 1, maxItems: MAX_IMPORT },
  ),
  existing: Type.Optional(
    oneOf(['refuse', 'replace'] as const, {
      description:
        'a ticket whose customer already has its externalId: refused (the default, nothing is imported), or its history replaced by this one (admin; a correction with its audit entry)',
    }),
  ),
  reason: Type.Optional(
    Type.String({
      minLength: 3,
      maxLength: 2000,
      description: 'with existing: replace, why the histories are corrected (for the audit trail)',
    }),
  ),
  by: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'who corrects them (the token by default)',
    }),
  ),
});
export type ImportTicketsInput = Static<typeof ImportTicketsInput>;

/**
 * Imports tickets with their whole history from another helpdesk, in one transaction:
 * every ticket is checked first (times, order, lifecycle, customers), and one bad ticket
 * rejects the batch with every problem listed, so nothing is half imported.
 */
export async function importTickets({
  ctx,
  input,
  availability,
}: {
  ctx: ServiceContext;
  input: unknown;
  availability?: AvailabilityFacts | undefined;
}) {
  requireRole(ctx.caller, ['admin', 'agent'], 'importing tickets');
  const body = parseInput(ImportTicketsInput, input, 'invalid import');
  const replace = body.existing === 'replace';
  if (replace) {
    requireRole(ctx.caller, ['admin'], 'replacing the histories of tickets imported before');
    if (body.reason === undefined)
      throw invalidInput(
        'invalid import: replacing histories (existing: replace) needs a reason, for the audit trail; nothing was imported',
        [{ path: '/reason', message: 'required with existing: replace' }],
      );
  } else if (body.reason !== undefined || body.by !== undefined) {
    throw invalidInput(
      'invalid import: reason and by go with existing: replace; nothing was imported',
      [
        {
          path: body.reason !== undefined ? '/reason' : '/by',
          message: 'only with existing: replace',
        },
      ],
    );
  }
  const now = ctx.time.now();
  const problems: ErrorDetail[] = [];
  const prepared = body.tickets.map((t, i) => prepare(t, i, now, problems));
  const seen = new Map<string, number>();
  body.tickets.forEach((t, i) => {
    if (t.externalId === undefined) return;
    const key = `${t.customer}\u0000${t.externalId}`;
    if (seen.has(key))
      problems.push({
        path: `/tickets/${i}/externalId`,
        message: `"${t.externalId}" is also the external id of tickets[${seen.get(key)}] for the same customer`,
      });
    seen.set(key, i);
  });
  if (problems.length > 0) {
    throw invalidInput(
      `invalid import: ${problems.length} problem${problems.length === 1 ? '' : 's'}, nothing was imported: ${problems
        .slice(0, 5)
        .map((p) => `${p.path}: ${p.message}`)
        .join('; ')}${problems.length > 5 ? '; …' : ''}`,
      problems,
    );
  }
  const result = await ctx.store.transaction(async (tx) => {
    const customerIds = [...new Set(prepared.map((p) => p!.ticket.customer))];
    const customers = new Map(
      await Promise.all(customerIds.map(async (id) => [id, await tx.customers.get(id)] as const)),
    );
    const unknown = customerIds.filter((id) => !customers.get(id));
    if (unknown.length > 0)
      throw new SuretyError(
        'unknown_reference',
        `invalid import: no customer ${unknown.map((u) => `"${u}"`).join(', ')}; nothing was imported`,
      );
    const existingIds = new Map<number, number>(); // input index → stored ticket
    for (const [i, p] of prepared.entries()) {
      const ext = p!.ticket.externalId;
      const existing =
        ext === undefined ? undefined : await tx.tickets.findByExternalId(p!.ticket.customer, ext);
      if (existing === undefined) continue;
      if (!replace)
        throw new SuretyError(
          'conflict',
          `invalid import: customer "${p!.ticket.customer}" already has ticket ${existing} with the external id "${ext}"; nothing was imported (send existing: "replace" with a reason to correct its history)`,
        );
      existingIds.set(i, existing);
    }
    const corrected = await replaceHistories(tx, ctx, prepared, existingIds, {
      reason: body.reason ?? '',
      actor: body.by ?? ctx.caller.id,
    });
    const fresh = prepared.filter((_, i) => !existingIds.has(i));
    const evaluated = fresh.map((p) => {
      const record: StoredTicket = {
        ...p!.ticket,
        id: 0,
        events: p!.events,
        currentKind: p!.ticket.kind,
        currentPriority: p!.ticket.priority,
        status: 'new',
        updatedAt: now,
        breached: false,
        nextDueAt: null,
      };
      const clocks = evaluateTicketClocks(ctx.policy, record, customers.get(record.customer), now);
      return { record, clocks, summary: summarize(record, clocks, now, ctx.policy) };
    });
    const ids = await tx.tickets.insertMany(
      evaluated.map((e) => ({ ticket: e.record, summary: e.summary, events: e.record.events })),
    );
    const rows = evaluated.flatMap((e, i) =>
      e.clocks.map((c) => clockRow(ids[i]!, e.record.customer, c)),
    );
    await tx.clocks.insertMany(rows);
    await tx.signals.append(
      evaluated.flatMap((e, i) =>
        e.clocks.flatMap((c) => clockSignals(ids[i]!, e.record.customer, c, now)),
      ),
    );
    const breaches = rows.filter((r) => r.breachedAt !== null);
    if (!replace)
      return { reply: { imported: ids.length, ids, breaches: breaches.length }, applied: [] };
    // Every input ticket's id in input order, new or corrected.
    const all: number[] = [];
    let n = 0;
    prepared.forEach((_, i) => all.push(existingIds.get(i) ?? ids[n++]!));
    return {
      reply: {
        imported: ids.length,
        ids: all,
        breaches: breaches.length + corrected.breaches,
        replaced: corrected.applied.length,
        unchanged: corrected.unchanged,
        corrections: corrected.applied.map((a) => a.correction.id),
      },
      applied: corrected.applied,
    };
  });
  if (!replace) return result.reply;
  // The corrected histories' credit months, once the import has committed.
  const credits = await recomputeCorrectedCredits(
    ctx,
    result.applied,
    body.by ?? ctx.caller.id,
    availability,
  );
  return { ...result.reply, credits };
}

/** Existing tickets get the imported history as a correction; identical ones are left alone. */
async function replaceHistories(
  tx: Store,
  ctx: ServiceContext,
  prepared: ReadonlyArray<ReturnType<typeof prepare>>,
  existing: ReadonlyMap<number, number>,
  meta: { reason: string; actor: string },
) {
  const applied: AppliedCorrection[] = [];
  let unchanged = 0;
  for (const [i, id] of existing) {
    const p = prepared[i]!;
    const current = (await tx.tickets.get(id, { lock: true }))!;
    const next = { ticket: p.ticket, events: p.events };
    if (sameHistory(current, next)) {
      unchanged++;
      continue;
    }
    try {
      applied.push(
        await applyCorrection(tx, ctx, current, next, {
          action: 'history_replaced',
          seq: null,
          reason: meta.reason,
          actor: meta.actor,
        }),
      );
    } catch (err) {
      if (err instanceof SuretyError)
        throw new SuretyError(
          err.code,
          `invalid import: tickets[${i}]: ${err.message}; nothing was imported`,
          err.details.map((d) => ({ ...d, path: `/tickets/${i}${d.path}` })),
        );
      throw err;
    }
  }
  return {
    applied,
    unchanged,
    breaches: applied.reduce((n, a) => n + a.clocks.filter((c) => c.breachedAt !== null).length, 0),
  };
}

function prepare(
  t: ImportTicketsInput['tickets'][number],
  i: number,
  now: Instant,
  problems: ErrorDetail[],
) {
  const where = `/tickets/${i}`;
  const createdAt = time(t.createdAt, `${where}/createdAt`, now, problems);
  let state = initialState(t.kind, t.priority);
  let last = createdAt ?? 0;
  const events: TicketEvent[] = [];
  (t.events ?? []).forEach((e, j) => {
    const path = `${where}/events/${j}`;
    const at = time(e.at, `${path}/at`, now, problems);
    if (at === undefined) return;
    if (at < last)
      problems.push({
        path: `${path}/at`,
        message: `${e.at} is before the event or creation that precedes it; list events in the order they happened`,
      });
    const misplaced = misplacedField(e);
    if (misplaced) problems.push({ path: `${path}${misplaced.path}`, message: misplaced.message });
    const next = applyEvent(state, e);
    if (typeof next === 'string') problems.push({ path: `${path}/type`, message: next });
    else state = next;
    last = Math.max(last, at);
    events.push({
      seq: j + 1,
      type: e.type,
      at,
      recordedAt: now,
      actor: e.actor,
      note: e.note,
      rating: e.rating,
      kind: e.kind,
      priority: e.priority,
    });
  });
  if (createdAt === undefined) return undefined;
  return {
    ticket: {
      customer: t.customer,
      kind: t.kind,
      priority: t.priority,
      channel: t.channel,
      subject: t.subject,
      body: t.body ?? '',
      externalId: t.externalId,
      createdAt,
    },
    events,
  };
}

function time(
  text: string,
  path: string,
  now: Instant,
  problems: ErrorDetail[],
): Instant | undefined {
  const t = parseInstant(text);
  if (t === undefined)
    problems.push({
      path,
      message: `"${text}" is not a date-time with a time zone, like 2026-10-05T09:30:00Z`,
    });
  else if (t > now) problems.push({ path, message: `${text} is in the future` });
  else return t;
  return undefined;
}
