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
import { creditClauses } from './clauses.js';

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
 * changes nothing: the lines are a function of the facts.
 */
export async function recomputeCredits({
  ctx,
  input,
  availability = NO_AVAILABILITY,
  cause,
}: {
  ctx: ServiceContext;
  input: unknown;
  availability?: AvailabilityCreditFacts | undefined;
  cause?: string | undefined;
}): Promise<{ month: string; changes: number }> {
  const q = parseInput(RecomputeCreditsInput, input, 'invalid credit month');
  const window = monthWindow(q.month, ctx.policy.timezone);
  const now = ctx.time.now();
  if (now >= window.from) await sweepClocks({ ctx });
  const customers =
    q.customer === undefined
      ? await ctx.store.customers.list()
      : [await ctx.store.customers.get(q.customer)].filter((c) => c !== undefined);
  if (q.customer !== undefined && customers.length === 0)
    throw new SuretyError('unknown_reference', `customer: there is no customer "${q.customer}"`);
  const clauses = creditClauses(ctx.policy);
  const perBreach = new Set(
    clauses.filter((c) => c.rule.percentOfMonthlyFee !== undefined).map((c) => c.commitment),
  );

  const breaches: BreachEvidence[] = (
    await ctx.store.clocks.settledBetween(window.from, window.to, q.customer)
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
    ...(await availability.incidentBreaches(window, q.customer)).filter((b) =>
      perBreach.has(b.commitment),
    ),
  );
  const uptime = clauses.some((c) => c.rule.tiers)
    ? await availability.monthlyUptime(q.month, window, q.customer)
    : [];

  const desired = creditLines({
    clauses,
    customers: customers.map((c) => ({
      id: c.id,
      monthlyFeeMinor: c.monthlyFeeMinor,
      currency: c.currency,
    })),
    breaches,
    uptime,
    monthEnd: window.to,
    monthlyCapPercent: ctx.policy.credits.monthlyCapPercent,
  });

  return ctx.store.transaction(async (tx) => {
    const stored = new Map(
      (await tx.credits.lines(q.month, q.customer)).map((l) => [`${l.customer}|${l.key}`, l]),
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
    return { month: q.month, changes };
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
