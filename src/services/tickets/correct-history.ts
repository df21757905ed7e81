import type { Clock } from '../../domain/clock.js';
import { SuretyError, type ErrorDetail } from '../../domain/errors.js';
import { toIso, type Instant } from '../../domain/time.js';
import type { TicketEvent } from '../../domain/ticket.js';
import { historyProblems } from '../../sources/tickets/history.js';
import { monthOf } from '../compliance/window.js';
import { recorderOf, type ServiceContext } from '../context.js';
import { audit } from '../audit/record.js';
import type {
  ClockRow,
  CorrectionAction,
  NewTicket,
  Store,
  StoredCorrection,
  StoredTicket,
} from '../store/index.js';
import { creditClauses } from '../credits/clauses.js';
import { recomputeCredits } from '../credits/recompute.js';
import type { AvailabilityCreditFacts } from '../credits/availability-credit-facts.js';
import { refreshClocks } from '../clocks/refresh.js';
import { policyAt } from '../policy/terms.js';

/** A ticket's attributes and history as a correction leaves them. */
export interface CorrectedHistory {
  readonly ticket: NewTicket;
  /** In time order; numbered again from 1 by applyCorrection. */
  readonly events: readonly TicketEvent[];
}

export interface CorrectionMeta {
  readonly action: CorrectionAction;
  readonly seq: number | null;
  readonly reason: string;
  readonly actor: string;
}

/** A breached clock as a credit line's evidence sees it. */
export interface BreachSide {
  readonly dueAt: string | null;
  readonly breachedAt: string;
  /** The late answer, if there was one. */
  readonly stoppedAt: string | null;
}

/** A breach that a correction withdrew, added, moved or whose late answer changed: the clock before and after. */
export interface BreachChange {
  readonly commitment: string;
  readonly before: BreachSide | null;
  readonly after: BreachSide | null;
}

export interface AppliedCorrection {
  readonly correction: StoredCorrection;
  readonly ticket: StoredTicket;
  readonly clocks: Clock[];
  readonly breaches: readonly BreachChange[];
  /** Months (policy time zone) whose credits the changed breaches touch. */
  readonly creditMonths: readonly string[];
}

/** The parts of a history that matter (not when Surety learned of it), for "did anything change?". */
const essence = (t: NewTicket, events: readonly TicketEvent[]) =>
  JSON.stringify([
    t.kind,
    t.priority,
    t.channel,
    t.subject,
    t.body,
    t.createdAt,
    events.map((e) => [
      e.type,
      e.at,
      e.rating ?? null,
      e.kind ?? null,
      e.priority ?? null,
      e.note ?? null,
      e.actor ?? null,
    ]),
  ]);

export function sameHistory(a: StoredTicket, b: CorrectedHistory): boolean {
  return essence(a, a.events) === essence(b.ticket, b.events);
}

const snapshot = (t: NewTicket, events: readonly TicketEvent[]) => ({
  kind: t.kind,
  priority: t.priority,
  channel: t.channel,
  subject: t.subject,
  createdAt: toIso(t.createdAt),
  events: events.map((e) => ({
    seq: e.seq,
    type: e.type,
    at: toIso(e.at),
    ...(e.rating !== undefined ? { rating: e.rating } : {}),
    ...(e.kind ? { kind: e.kind } : {}),
    ...(e.priority ? { priority: e.priority } : {}),
    ...(e.note !== undefined ? { note: e.note } : {}),
    ...(e.actor !== undefined ? { actor: e.actor } : {}),
  })),
});

/**
 * Rewrites a ticket's history inside the caller's transaction and re-derives everything that
 * follows from it: the clocks (so compliance sees the corrected breaches), the queue summary,
 * a signal for each breach that now stands and one `ticket.corrected` signal, and the audit
 * entry naming who corrected what and why. An impossible history is refused (409) and nothing
 * is written. Credits follow in `recomputeCorrectedCredits` once this has committed (an import
 * of many corrections recomputes each month once).
 */
export async function applyCorrection(
  tx: Store,
  ctx: ServiceContext,
  current: StoredTicket,
  next: CorrectedHistory,
  meta: CorrectionMeta,
): Promise<AppliedCorrection> {
  const now = ctx.time.now();
  const events = next.events.map((e, i) => ({ ...e, seq: i + 1 }));
  const problems = historyProblems(
    next.ticket.kind,
    next.ticket.priority,
    next.ticket.createdAt,
    events,
  );
  if (problems.length > 0) {
    const details: ErrorDetail[] = problems.map((p) => ({
      path: `/events/${p.index}/${p.field}`,
      message: `event ${p.index + 1} (${events[p.index]!.type} at ${toIso(events[p.index]!.at)}): ${p.message}`,
    }));
    throw new SuretyError(
      'conflict',
      `ticket ${current.id}: the corrected history could not have happened, so nothing was changed: ${details.map((d) => d.message).join('; ')}`,
      details,
    );
  }
  const before = await tx.clocks.forTicket(current.id);
  await tx.tickets.replaceHistory(current.id, next.ticket, events);
  const updated: StoredTicket = {
    ...current,
    ...next.ticket,
    channel: next.ticket.channel as StoredTicket['channel'],
    events,
  };
  const customer = await tx.customers.get(current.customer);
  const terms = policyAt(ctx, updated.createdAt);
  const { clocks } = await refreshClocks(tx, terms, updated, customer, now);
  const breaches = breachChanges(before, clocks);
  // Credited under the ticket's own terms or today's (a month's credit rules are its own version's).
  const credited = new Set(
    [...creditClauses(terms), ...creditClauses(ctx.policy)]
      .filter((c) => c.rule.percentOfMonthlyFee !== undefined)
      .map((c) => c.commitment),
  );
  const months = new Set<string>();
  for (const b of breaches) {
    if (!credited.has(b.commitment)) continue;
    for (const side of [b.before, b.after])
      if (side) months.add(monthOf(Date.parse(side.breachedAt), ctx.policy.timezone));
  }
  const correction = await tx.corrections.insert({
    ticketId: current.id,
    customer: current.customer,
    at: now,
    actor: meta.actor,
    reason: meta.reason,
    action: meta.action,
    seq: meta.seq,
    before: snapshot(current, current.events),
    after: snapshot(next.ticket, events),
    effects: { breaches, creditMonths: [...months].sort() },
    recordedBy: recorderOf(ctx.caller),
  });
  await tx.signals.append([
    {
      at: now,
      recordedAt: now,
      type: 'ticket.corrected',
      subjectType: 'ticket',
      subjectId: String(current.id),
      commitment: null,
      customer: current.customer,
      data: {
        correction: correction.id,
        action: meta.action,
        seq: meta.seq,
        by: meta.actor,
        reason: meta.reason,
        breaches,
        severity: 'info',
      },
      dedupeKey: `ticket:${current.id}:correction:${correction.id}`,
    },
  ]);
  await audit(
    tx,
    ctx,
    { action: `ticket.${meta.action}`, type: 'ticket', id: current.id, reason: meta.reason },
    { action: 'correction.recorded', type: 'correction', id: correction.id, reason: meta.reason },
  );
  return { correction, ticket: updated, clocks, breaches, creditMonths: [...months].sort() };
}

function breachChanges(before: readonly ClockRow[], after: readonly Clock[]): BreachChange[] {
  const side = (
    c: { dueAt: Instant | null; breachedAt: Instant | null; stoppedAt: Instant | null } | undefined,
  ): BreachSide | null =>
    c && c.breachedAt !== null
      ? {
          dueAt: c.dueAt === null ? null : toIso(c.dueAt),
          breachedAt: toIso(c.breachedAt),
          stoppedAt: c.stoppedAt === null ? null : toIso(c.stoppedAt),
        }
      : null;
  const commitments = [
    ...new Set([...before.map((c) => c.commitment), ...after.map((c) => c.commitment)]),
  ].sort();
  const out: BreachChange[] = [];
  for (const id of commitments) {
    const b = side(before.find((c) => c.commitment === id));
    const a = side(after.find((c) => c.commitment === id));
    if (JSON.stringify(b) !== JSON.stringify(a)) out.push({ commitment: id, before: b, after: a });
  }
  return out;
}

/**
 * Brings the credit ledger of the months corrections touched in line with the corrected
 * histories, with the correction named in every audit entry and the corrector as actor, and
 * records the changes with each correction. Runs right after the correction's transaction
 * commits, outside it: the ledger reads the availability stage, which has its own connection
 * (on SQLite a nested read would wait on the open transaction). Recomputing is idempotent, so
 * if this fails the next statement read or credit-bearing signal brings the ledger in line.
 */
export async function recomputeCorrectedCredits(
  ctx: ServiceContext,
  applied: readonly AppliedCorrection[],
  actor: string,
  availability?: AvailabilityCreditFacts,
): Promise<Array<{ customer: string; month: string; changes: number }>> {
  const byMonth = new Map<
    string,
    { customer: string; month: string; corrections: StoredCorrection[] }
  >();
  for (const a of applied) {
    for (const month of a.creditMonths) {
      const key = `${a.ticket.customer}|${month}`;
      const entry = byMonth.get(key) ?? { customer: a.ticket.customer, month, corrections: [] };
      entry.corrections.push(a.correction);
      byMonth.set(key, entry);
    }
  }
  const out: Array<{ customer: string; month: string; changes: number }> = [];
  for (const m of [...byMonth.values()].sort(
    (a, b) => a.month.localeCompare(b.month) || a.customer.localeCompare(b.customer),
  )) {
    const named = m.corrections.map((c) => `correction ${c.id} of ticket ${c.ticketId}`).join(', ');
    const cause = `${named} by ${actor}: ${m.corrections[0]!.reason}`;
    const r = await recomputeCredits({
      ctx,
      input: { month: m.month, customer: m.customer },
      availability,
      cause,
    });
    out.push({ customer: m.customer, month: m.month, changes: r.changes });
  }
  for (const a of applied) {
    const mine = out.filter(
      (c) => c.customer === a.ticket.customer && a.creditMonths.includes(c.month),
    );
    await ctx.store.transaction(async (tx) => {
      await tx.corrections.setEffects(a.correction.id, { ...a.correction.effects, credits: mine });
      await audit(tx, ctx, {
        action: 'correction.effects_recorded',
        type: 'correction',
        id: a.correction.id,
      });
    });
  }
  return out;
}

export function correctionView(c: StoredCorrection) {
  return {
    id: c.id,
    ticket: c.ticketId,
    customer: c.customer,
    at: toIso(c.at),
    by: c.actor,
    recordedBy: c.recordedBy ? { id: c.recordedBy.id, name: c.recordedBy.name ?? null } : null,
    reason: c.reason,
    action: c.action,
    seq: c.seq,
    before: c.before,
    after: c.after,
    effects: c.effects,
  };
}
