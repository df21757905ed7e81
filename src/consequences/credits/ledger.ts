import type { Instant } from '../../domain/time.js';
import type { ConsequenceRule, CreditTier } from '../../policy/notifications.js';
import { percentOf } from './money.js';

/** A breach a credit may be owed for: a ticket's or an incident's clock that passed its deadline. */
export interface BreachEvidence {
  readonly commitment: string;
  readonly subjectType: 'ticket' | 'incident';
  readonly subjectId: string;
  readonly customer: string;
  readonly dueAt: Instant | null;
  readonly breachedAt: Instant;
  /** When the clock eventually stopped (the late answer), if it has. */
  readonly stoppedAt: Instant | null;
}

/** A customer's uptime over the month, and the incidents behind its downtime. */
export interface UptimeEvidence {
  readonly customer: string;
  /** null: nothing was measured (the month was all maintenance, or no monitor covers the customer). */
  readonly uptimePercent: number | null;
  readonly incidents: readonly string[];
}

export interface CustomerTerms {
  readonly id: string;
  readonly monthlyFeeMinor: number;
  readonly currency: string;
}

/** A credit rule as a commitment invokes it: the commitment, the consequence's name, its rule. */
export interface CreditClause {
  readonly commitment: string;
  readonly consequence: string;
  readonly rule: Extract<ConsequenceRule, { type: 'credit' }>;
}

export interface CreditLine {
  readonly customer: string;
  readonly key: string;
  readonly commitment: string;
  readonly consequence: string;
  readonly subjectType: 'ticket' | 'incident' | 'uptime';
  readonly subjectId: string;
  readonly dueAt: Instant | null;
  readonly breachedAt: Instant | null;
  readonly amountMinor: number;
  readonly currency: string;
  readonly evidence: Readonly<Record<string, unknown>>;
}

export interface CreditInput {
  readonly clauses: readonly CreditClause[];
  readonly customers: readonly CustomerTerms[];
  readonly breaches: readonly BreachEvidence[];
  readonly uptime: readonly UptimeEvidence[];
  /** The month's end: uptime lines are dated there. */
  readonly monthEnd: Instant;
  readonly monthlyCapPercent: number;
}

/** The tier an uptime earns: the lowest threshold it is strictly below, or none. */
export function tierFor(
  tiers: readonly CreditTier[],
  uptimePercent: number,
): CreditTier | undefined {
  return [...tiers]
    .sort((a, b) => a.belowPercent - b.belowPercent)
    .find((t) => uptimePercent < t.belowPercent);
}

/**
 * The credit lines a month owes, per customer: one per breach of a commitment with a
 * per-breach credit, one per uptime commitment whose tier is earned. Lines come in a fixed
 * order (breach time, then key) and caps (a consequence's own, then the monthly one) cut the
 * later lines, so the total is always the sum of the lines and the same input always gives
 * the same ledger. Pure.
 */
export function creditLines(input: CreditInput): CreditLine[] {
  const out: CreditLine[] = [];
  const terms = new Map(input.customers.map((c) => [c.id, c]));
  for (const b of input.breaches) {
    const c = terms.get(b.customer);
    if (!c) continue;
    for (const clause of input.clauses) {
      if (clause.commitment !== b.commitment || clause.rule.percentOfMonthlyFee === undefined)
        continue;
      const percent = clause.rule.percentOfMonthlyFee;
      out.push({
        customer: c.id,
        key: `${b.subjectType}:${b.subjectId}:${b.commitment}:${clause.consequence}`,
        commitment: b.commitment,
        consequence: clause.consequence,
        subjectType: b.subjectType,
        subjectId: b.subjectId,
        dueAt: b.dueAt,
        breachedAt: b.breachedAt,
        amountMinor: percentOf(c.monthlyFeeMinor, percent),
        currency: c.currency,
        evidence: {
          percentOfMonthlyFee: percent,
          monthlyFeeMinor: c.monthlyFeeMinor,
          stoppedAt: b.stoppedAt,
        },
      });
    }
  }
  for (const u of input.uptime) {
    const c = terms.get(u.customer);
    if (!c || u.uptimePercent === null) continue;
    for (const clause of input.clauses) {
      if (!clause.rule.tiers) continue;
      const tier = tierFor(clause.rule.tiers, u.uptimePercent);
      if (!tier) continue;
      out.push({
        customer: c.id,
        key: `uptime:${clause.commitment}:${clause.consequence}`,
        commitment: clause.commitment,
        consequence: clause.consequence,
        subjectType: 'uptime',
        subjectId: clause.commitment,
        dueAt: null,
        breachedAt: input.monthEnd,
        amountMinor: percentOf(c.monthlyFeeMinor, tier.percentOfMonthlyFee),
        currency: c.currency,
        evidence: {
          uptimePercent: u.uptimePercent,
          belowPercent: tier.belowPercent,
          percentOfMonthlyFee: tier.percentOfMonthlyFee,
          monthlyFeeMinor: c.monthlyFeeMinor,
          incidents: u.incidents,
        },
      });
    }
  }
  out.sort(
    (a, b) =>
      a.customer.localeCompare(b.customer) ||
      (a.breachedAt ?? 0) - (b.breachedAt ?? 0) ||
      a.key.localeCompare(b.key),
  );
  return applyCaps(out, input);
}

function applyCaps(lines: CreditLine[], input: CreditInput): CreditLine[] {
  const fee = new Map(input.customers.map((c) => [c.id, c.monthlyFeeMinor]));
  const caps = new Map(
    input.clauses
      .filter((c) => c.rule.maxPercentOfMonthlyFee !== undefined)
      .map((c) => [c.consequence, c.rule.maxPercentOfMonthlyFee!]),
  );
  const used = new Map<string, number>(); // customer|consequence and customer → minor units so far
  return lines.map((l) => {
    const f = fee.get(l.customer)!;
    let amount = l.amountMinor;
    const notes: string[] = [];
    const own = caps.get(l.consequence);
    if (own !== undefined) {
      const k = `${l.customer}|${l.consequence}`;
      const left = Math.max(0, percentOf(f, own) - (used.get(k) ?? 0));
      if (amount > left) notes.push(`${l.consequence} credits at most ${own}% of the monthly fee`);
      amount = Math.min(amount, left);
      used.set(k, (used.get(k) ?? 0) + amount);
    }
    const monthLeft = Math.max(
      0,
      percentOf(f, input.monthlyCapPercent) - (used.get(l.customer) ?? 0),
    );
    if (amount > monthLeft)
      notes.push(`credits are capped at ${input.monthlyCapPercent}% of the monthly fee a month`);
    amount = Math.min(amount, monthLeft);
    used.set(l.customer, (used.get(l.customer) ?? 0) + amount);
    return notes.length === 0
      ? l
      : {
          ...l,
          amountMinor: amount,
          evidence: { ...l.evidence, uncappedMinor: l.amountMinor, capped: notes.join('; ') },
        };
  });
}
