import { SuretyError, invalidInput, type ErrorDetail } from '../../domain/errors.js';
import { evaluateTicketClocks } from '../../evaluate/clocks/ticket-clocks.js';
import { requireRole } from '../authorize.js';
import { recorderOf, type ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';
import type { StoredTicket } from '../store/index.js';
import type { AvailabilityCreditFacts } from '../credits/availability-credit-facts.js';
import { recomputeCorrectedCredits } from './correct-history.js';
import { clockRow, summarize } from '../clocks/rows.js';
import { clockSignals } from '../clocks/clock-signals.js';
import { replaceHistories } from './replace-histories.js';
import { prepare } from './import-prepare.js';
import { ImportTicketsInput } from './import-input.js';
import { audit } from '../audit/record.js';
import { ticketState } from '../audit/snapshots.js';
import { policyAt } from '../policy/terms.js';

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
  availability?: AvailabilityCreditFacts | undefined;
}) {
  // History is dated in the past by nature, so it is an admin's to import (a late entry).
  requireRole(ctx.caller, ['admin'], 'importing tickets');
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
  const prepared = body.tickets.map((t, i) => prepare(t, i, now, problems, recorderOf(ctx.caller)));
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
      const terms = policyAt(ctx, record.createdAt);
      const clocks = evaluateTicketClocks(terms, record, customers.get(record.customer), now);
      return { record, clocks, summary: summarize(record, clocks, now, terms) };
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
    await audit(
      tx,
      ctx,
      ...evaluated.map((e, i) => ({
        action: 'ticket.imported',
        type: 'ticket' as const,
        id: ids[i]!,
        state: ticketState({ ...e.record, id: ids[i]! }),
      })),
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
