import { Type } from 'typebox';
import { currencyExponent, fromMinorUnits } from '../../domain/money.js';
import { SuretyError } from '../../domain/errors.js';
import { toIso } from '../../domain/time.js';
import { strictObject } from '../../validation/schema-kit.js';
import { scopeOf } from '../authorize.js';
import { monthWindow } from '../compliance/window.js';
import type { ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';
import type { AvailabilityCreditFacts } from './availability-credit-facts.js';
import { recomputeCredits } from './recompute.js';
import { feeTerms } from './clauses.js';
import { monthStatusOf } from '../months/status.js';
import { policyOfPeriod } from '../policy/terms.js';

export const CreditStatementInput = strictObject({
  month: Type.String({
    pattern: '^\\d{4}-\\d{2}$',
    description: 'a calendar month in the policy time zone, like 2026-10',
  }),
  customer: Type.Optional(Type.String({ minLength: 1, description: 'one customer only' })),
});

export const ROUNDING =
  "each line is a percentage of the monthly fee rounded half up to the currency's smallest unit; caps shorten the latest lines; the total is the sum of the lines";

/**
 * The monthly credit statement per customer: every line with its evidence, in the
 * customer's currency. The ledger is brought up to date first (idempotent), so the
 * statement always reflects the facts as corrected; a customer sees only its own.
 */
export async function creditStatement({
  ctx,
  input,
  availability,
}: {
  ctx: ServiceContext;
  input: unknown;
  availability?: AvailabilityCreditFacts | undefined;
}) {
  const q = parseInput(CreditStatementInput, input, 'invalid credit query');
  const window = monthWindow(q.month, ctx.policy.timezone);
  const scope = scopeOf(ctx.caller);
  if (scope !== undefined && q.customer !== undefined && q.customer !== scope)
    throw new SuretyError('not_found', `customer: there is no customer "${q.customer}"`);
  const only = scope ?? q.customer;
  if (only !== undefined && !(await ctx.store.customers.get(only)))
    throw new SuretyError(
      scope ? 'not_found' : 'unknown_reference',
      `customer: there is no customer "${only}"`,
    );
  await recomputeCredits({
    ctx: { ...ctx, caller: { role: 'admin', id: 'system' } },
    input: { month: q.month, ...(only ? { customer: only } : {}) },
    availability,
  });
  const customers = only
    ? [(await ctx.store.customers.get(only))!]
    : await ctx.store.customers.list();
  const now = ctx.time.now();
  const terms = policyOfPeriod(ctx, window, now);
  const status = await monthStatusOf(ctx.store, ctx.policy, q.month, now);
  const lines = (await ctx.store.credits.lines(q.month, only)).filter((l) => l.status === 'active');
  return {
    month: q.month,
    timezone: ctx.policy.timezone,
    from: toIso(window.from),
    to: toIso(window.to),
    generatedAt: toIso(now),
    rounding: ROUNDING,
    state: status.state,
    final: status.settled,
    stateReason: status.why,
    customers: customers.map((c) => {
      const fee = feeTerms(terms, c);
      const mine = lines
        .filter((l) => l.customer === c.id)
        .sort((a, b) => (a.breachedAt ?? 0) - (b.breachedAt ?? 0) || a.key.localeCompare(b.key));
      const money = (minor: number) => fromMinorUnits(minor, fee.currency);
      const totalMinor = mine.reduce((s, l) => s + l.amountMinor, 0);
      return {
        customer: c.id,
        name: c.name,
        currency: fee.currency,
        minorUnit: 10 ** -currencyExponent(fee.currency),
        monthlyFee: money(fee.monthlyFeeMinor),
        cap: money(Math.round((fee.monthlyFeeMinor * terms.credits.monthlyCapPercent) / 100)),
        total: money(totalMinor),
        totalMinor,
        lines: mine.map((l) => ({
          commitment: l.commitment,
          consequence: l.consequence,
          ticket: l.subjectType === 'ticket' ? Number(l.subjectId) : null,
          incident:
            l.subjectType === 'incident'
              ? l.subjectId
              : l.subjectType === 'uptime'
                ? ((l.evidence.incidents as string[] | undefined)?.[0] ?? null)
                : null,
          incidents:
            l.subjectType === 'uptime'
              ? ((l.evidence.incidents as string[] | undefined) ?? [])
              : l.subjectType === 'incident'
                ? [l.subjectId]
                : [],
          kind: l.subjectType === 'uptime' ? 'uptime' : 'breach',
          dueAt: l.dueAt === null ? null : toIso(l.dueAt),
          breachedAt: l.breachedAt === null ? null : toIso(l.breachedAt),
          stoppedAt: typeof l.evidence.stoppedAt === 'number' ? toIso(l.evidence.stoppedAt) : null,
          uptimePercent:
            typeof l.evidence.uptimePercent === 'number' ? l.evidence.uptimePercent : null,
          percentOfMonthlyFee: l.evidence.percentOfMonthlyFee as number,
          amount: money(l.amountMinor),
          amountMinor: l.amountMinor,
          ...(l.evidence.capped
            ? {
                capped: l.evidence.capped,
                uncappedAmount: money(l.evidence.uncappedMinor as number),
              }
            : {}),
        })),
      };
    }),
  };
}

/** The ledger's changes in a month, oldest first: what changed, why, and by whom. */
export async function creditAudit({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  const q = parseInput(CreditStatementInput, input, 'invalid credit query');
  const scope = scopeOf(ctx.caller);
  if (scope !== undefined && q.customer !== undefined && q.customer !== scope)
    throw new SuretyError('not_found', `customer: there is no customer "${q.customer}"`);
  const rows = await ctx.store.credits.auditOf(q.month, scope ?? q.customer);
  return {
    month: q.month,
    changes: rows.map((r) => ({
      at: toIso(r.at),
      customer: r.customer,
      line: r.key,
      action: r.action,
      reason: r.reason,
      actor: r.actor,
      before: r.before,
      after: r.after,
    })),
  };
}
