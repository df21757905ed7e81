import { Type } from 'typebox';
import {
  creditLines,
  type BreachEvidence,
  type CreditLine,
} from '../../consequences/credits/ledger.js';
import { SuretyError } from '../../domain/errors.js';
import { strictObject } from '../../validation/schema-kit.js';
import { sweepClocks } from '../clocks/sweep.js';
import { monthWindow } from '../compliance/window.js';
import type { ServiceContext } from '../context.js';
import { audit } from '../audit/record.js';
import { creditLineId } from '../audit/snapshots.js';
import type { CreditLineRow } from '../store/index.js';
import { parseInput } from '../parse-input.js';
import { NO_AVAILABILITY, type AvailabilityCreditFacts } from './availability-credit-facts.js';
import { creditClauses, feeTerms } from './clauses.js';
import { policyOfPeriod } from '../policy/terms.js';
import { closedByTime, monthStatusOf } from '../months/status.js';
import { recorderOf } from '../context.js';

export const RecomputeCreditsInput = strictObject({
  month: Type.String({
    pattern: '^\\d{4}-\\d{2}$',
    description: 'a calendar month in the policy time zone, like 2026-10',
  }),
  customer: Type.Optional(Type.String({ minLength: 1 })),
});

/**
 * Brings the stored ledger of a month in line with the facts as they are now: lines for new
 * breaches are added, lines whose breach no longer stands (a corrected ticket) are voided,
 * changed ones updated, each change with an audit entry saying why. Recomputing again
 * changes nothing: the lines are a function of the facts and of the month's own terms (the
 * policy version in force at its end: a later version does not reach back into it).
 *
 * A closed month is left as it is (`closed: true`). One that closed by `closeAfter` alone is
 * computed once more, for every customer, and its closing recorded in the same transaction;
 * `closing` (a reason) closes a month that has ended the same way, by hand.
 */
export async function recomputeCredits({
  ctx,
  input,
  availability = NO_AVAILABILITY,
  cause,
  closing,
}: {
  ctx: ServiceContext;
  input: unknown;
  availability?: AvailabilityCreditFacts | undefined;
  cause?: string | undefined;
  closing?: string | undefined;
}): Promise<{ month: string; changes: number; closed?: boolean }> {
  const q = parseInput(RecomputeCreditsInput, input, 'invalid credit month');
  const window = monthWindow(q.month, ctx.policy.timezone);
  const now = ctx.time.now();
  const status = await monthStatusOf(ctx.store, ctx.policy, q.month, now);
  if (status.settled) return { month: q.month, changes: 0, closed: true };
  const settle = closing ?? (status.state === 'closed' ? closedByTime(status) : undefined);
  // The last computation of a month covers every customer: its closing is the month's.
  const only = settle === undefined ? q.customer : undefined;
  if (now >= window.from) await sweepClocks({ ctx });
  const customers =
    only === undefined
      ? await ctx.store.customers.list()
      : [await ctx.store.customers.get(only)].filter((c) => c !== undefined);
  if (only !== undefined && customers.length === 0)
    throw new SuretyError('unknown_reference', `customer: there is no customer "${only}"`);
  const terms = policyOfPeriod(ctx, window, now);
  const clauses = creditClauses(terms);
  const perBreach = new Set(
    clauses.filter((c) => c.rule.percentOfMonthlyFee !== undefined).map((c) => c.commitment),
  );

  const breaches: BreachEvidence[] = (
    await ctx.store.clocks.settledBetween(window.from, window.to, only)
  )
    .filter(
      (c) =>
        c.breachedAt !== null &&
        c.breachedAt >= window.from &&
        c.breachedAt < window.to &&
        perBreach.has(c.commitment),
    )
    .map((c) => ({
      commitment: c.commitment,
      subjectType: 'ticket',
      subjectId: String(c.ticketId),
      customer: c.customer,
      dueAt: c.dueAt,
      breachedAt: c.breachedAt!,
      stoppedAt: c.stoppedAt,
    }));
  breaches.push(
    ...(await availability.incidentBreaches(window, only)).filter((b) =>
      perBreach.has(b.commitment),
    ),
  );
  const uptime = clauses.some((c) => c.rule.tiers)
    ? await availability.monthlyUptime(q.month, window, only)
    : [];

  const desired = creditLines({
    clauses,
    customers: customers.map((c) => ({ id: c.id, ...feeTerms(terms, c) })),
    breaches,
    uptime,
    monthEnd: window.to,
    monthlyCapPercent: terms.credits.monthlyCapPercent,
  });

  return ctx.store.transaction(async (tx) => {
    // Another process may have closed the month since it was read: its ledger stands.
    if ((await monthStatusOf(tx, ctx.policy, q.month, now)).settled)
      return { month: q.month, changes: 0, closed: true };
    const stored = new Map(
      (await tx.credits.lines(q.month, only)).map((l) => [`${l.customer}|${l.key}`, l]),
    );
    let changes = 0;
    // What brought the recomputation about (a named correction), when the caller knows it.
    const because = cause === undefined ? '' : ` (after ${cause})`;
    const write = async (
      row: CreditLineRow,
      action: 'added' | 'changed' | 'voided' | 'restored',
      before: CreditLineRow | undefined,
      reason: string,
    ) => {
      await tx.credits.put(row);
      await tx.credits.audit({
        month: q.month,
        customer: row.customer,
        key: row.key,
        at: now,
        action,
        before: before ? auditable(before) : null,
        after: auditable(row),
        reason: reason + because,
        actor: ctx.caller.id,
      });
      await audit(tx, ctx, {
        action: `credit_line.${action}`,
        type: 'credit_line',
        id: creditLineId(row),
        reason: reason + because,
      });
      changes++;
    };
    for (const line of desired) {
      const id = `${line.customer}|${line.key}`;
      const old = stored.get(id);
      stored.delete(id);
      const row = toRow(q.month, line, now);
      if (!old) await write(row, 'added', undefined, describe(line));
      else if (old.status === 'void')
        await write(row, 'restored', old, `the breach stands again: ${describe(line)}`);
      else if (!sameLine(old, row))
        await write(row, 'changed', old, `recomputed: ${differences(old, row)}`);
    }
    for (const old of stored.values()) {
      if (old.status === 'void') continue;
      await write(
        { ...old, status: 'void', updatedAt: now },
        'voided',
        old,
        `the breach no longer stands: ${old.subjectType} ${old.subjectId} has no ${old.commitment} breach in ${q.month} now${cause === undefined ? ' (its history was corrected or the policy changed)' : ''}`,
      );
    }
    if (settle === undefined) return { month: q.month, changes };
    await tx.months.record({
      month: q.month,
      action: 'closed',
      reason: settle,
      at: now,
      by: recorderOf(ctx.caller),
    });
    await audit(tx, ctx, { action: 'month.closed', type: 'month', id: q.month, reason: settle });
    return { month: q.month, changes, closed: true };
  });
}

function toRow(month: string, l: CreditLine, now: number): CreditLineRow {
  return {
    month,
    customer: l.customer,
    key: l.key,
    commitment: l.commitment,
    consequence: l.consequence,
    subjectType: l.subjectType,
    subjectId: l.subjectId,
    dueAt: l.dueAt,
    breachedAt: l.breachedAt,
    amountMinor: l.amountMinor,
    currency: l.currency,
    status: 'active',
    evidence: l.evidence,
    updatedAt: now,
  };
}

const comparable = (r: CreditLineRow) =>
  JSON.stringify([
    r.commitment,
    r.consequence,
    r.subjectType,
    r.subjectId,
    r.dueAt,
    r.breachedAt,
    r.amountMinor,
    r.currency,
    r.status,
    r.evidence,
  ]);
const sameLine = (a: CreditLineRow, b: CreditLineRow) => comparable(a) === comparable(b);

function auditable(r: CreditLineRow): Record<string, unknown> {
  return {
    commitment: r.commitment,
    subject: `${r.subjectType}:${r.subjectId}`,
    dueAt: r.dueAt,
    breachedAt: r.breachedAt,
    amountMinor: r.amountMinor,
    currency: r.currency,
    status: r.status,
    evidence: r.evidence,
  };
}

function describe(l: CreditLine): string {
  const what =
    l.subjectType === 'uptime'
      ? `uptime ${String(l.evidence.uptimePercent)}% is below ${String(l.evidence.belowPercent)}%`
      : `${l.subjectType} ${l.subjectId} breached ${l.commitment}`;
  return `${what}: ${String(l.evidence.percentOfMonthlyFee)}% of the monthly fee`;
}

function differences(a: CreditLineRow, b: CreditLineRow): string {
  const out: string[] = [];
  if (a.amountMinor !== b.amountMinor)
    out.push(`amount ${a.amountMinor} → ${b.amountMinor} minor units`);
  if (a.dueAt !== b.dueAt) out.push('due time changed');
  if (a.breachedAt !== b.breachedAt) out.push('breach time changed');
  if (a.currency !== b.currency) out.push(`currency ${a.currency} → ${b.currency}`);
  if (JSON.stringify(a.evidence) !== JSON.stringify(b.evidence)) out.push('evidence changed');
  return out.join(', ') || 'details changed';
}
