import { SuretyError } from '../../domain/errors.js';
import type { Localized } from '../../domain/localized.js';
import { toIso } from '../../domain/time.js';
import type { TicketId } from '../../domain/ticket.js';
import type { Outcome } from '../../evaluate/compliance/result.js';
import { effectiveTarget } from '../../policy/effective-target.js';
import { formatTarget } from '../../policy/format-target.js';
import { AGGREGATE_MEASURES } from '../../policy/measures.js';
import type { Commitment } from '../../policy/policy.js';
import type { TargetValue } from '../../domain/target.js';
import { scopeOf } from '../authorize.js';
import { sweepClocks } from '../clocks/sweep.js';
import type { ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';
import {
  availabilityEntries,
  availabilityOutcome,
  AVAILABILITY_MEASURES,
  type ServiceAvailability,
} from './availability-report.js';
import { closedWindowFacts } from './facts-cache.js';
import { ComplianceInput, windowOf } from './compliance-input.js';
import { Facts, gatherFacts, evaluate } from './commitment-facts.js';
import { policyOfPeriod } from '../policy/terms.js';

export type ComplianceStatus = 'met' | 'breached' | 'no_data' | 'not_measured';

export interface ComplianceEntry {
  readonly commitment: string;
  readonly name: Localized;
  readonly measure: string;
  readonly target: string;
  readonly unit: Outcome['unit'];
  readonly value: number | null;
  readonly met: boolean | null;
  readonly status: ComplianceStatus;
  readonly breaches: number;
  readonly sample: number;
  /** The tickets behind the breaches, in order. */
  readonly tickets: readonly TicketId[];
  readonly evidence: ReadonlyArray<{
    ticket: TicketId;
    customer: string;
    dueAt: string | null;
    breachedAt: string | null;
    reason?: string;
  }>;
  /**
   * Clocks cancelled in the window: their ticket was closed, in time, before the solution.
   * Left out of `value` and `sample` (neither met nor breached); 0 for the other measures.
   */
  readonly cancelled: number;
  /** The tickets behind the cancelled clocks, in order. */
  readonly cancelledTickets: readonly TicketId[];
  /** Uptime and downtime commitments: each service's value. */
  readonly services?: ReadonlyArray<{
    service: string;
    customer: string | null;
    value: number | null;
    met: boolean | null;
  }>;
  /** Incident clocks: the incidents whose clock was breached. */
  readonly incidents?: ReadonlyArray<{
    incident: number;
    service: string;
    customer: string | null;
    dueAt: string | null;
    breachedAt: string | null;
  }>;
}

export interface ComplianceReport {
  readonly window: {
    readonly from: string;
    readonly to: string;
    readonly label: string;
    readonly timezone: string;
  };
  readonly customer: string | null;
  readonly generatedAt: string;
  readonly commitments: readonly ComplianceEntry[];
  /** Per service: uptime, unplanned downtime, error budget, MTTA and MTTR over the window. */
  readonly availability: readonly ServiceAvailability[];
}

/** Measures that later stages (probes, backups, incidents) report; without them, nothing to say yet. */
const MEASURED_ELSEWHERE = new Set(['backup_success_rate', 'recovery_time']);

/** Every commitment measured over a month or range: value, target, met or breached, and the evidence. */
export async function complianceReport({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: unknown;
}): Promise<ComplianceReport> {
  const q = parseInput(ComplianceInput, input, 'invalid compliance query');
  const window = windowOf(q, ctx.policy.timezone);
  const scope = scopeOf(ctx.caller);
  if (scope !== undefined && q.customer !== undefined && q.customer !== scope) {
    throw new SuretyError('forbidden', 'customer: a customer token sees only its own compliance');
  }
  const customerId = scope ?? q.customer;
  const customer = customerId === undefined ? undefined : await ctx.store.customers.get(customerId);
  if (customerId !== undefined && !customer) {
    throw new SuretyError(
      scope ? 'not_found' : 'unknown_reference',
      `customer: there is no customer "${customerId}"`,
    );
  }
  // Clocks whose deadline passed since the last sweep are settled first, so the report is exact.
  await sweepClocks({ ctx });

  // A closed month's ticket facts are read once while no ticket behind them changes (the
  // overview's trend, the reports' previous periods); availability has its own source.
  const facts = await closedWindowFacts(ctx.store, window, customerId, ctx.time.now(), () =>
    gatherFacts(ctx.store, window, customerId),
  );
  const availability = await availabilityEntries(ctx, window, customerId);
  const commitments: ComplianceEntry[] = [];
  // A period is judged by the terms in force at its end: a later version does not reach back.
  const terms = policyOfPeriod(ctx, window, ctx.time.now());
  for (const c of terms.commitments) {
    const target = customer ? effectiveTarget(terms, c, customer) : undefined;
    const base = {
      commitment: c.id,
      name: c.name,
      measure: c.measure,
      target: formatTarget(c, target),
    };
    if (AVAILABILITY_MEASURES.has(c.measure)) {
      commitments.push({
        ...base,
        ...(await availabilityOutcome(ctx, c, window, customerId, availability)),
      });
      continue;
    }
    commitments.push(entryFor(c, base, facts, target));
  }
  return {
    window: {
      from: toIso(window.from),
      to: toIso(window.to),
      label: window.label,
      timezone: ctx.policy.timezone,
    },
    customer: customerId ?? null,
    generatedAt: toIso(ctx.time.now()),
    commitments,
    availability,
  };
}

function entryFor(
  c: Commitment,
  base: Pick<ComplianceEntry, 'commitment' | 'name' | 'measure' | 'target'>,
  facts: Facts,
  target: TargetValue | undefined,
): ComplianceEntry {
  if (MEASURED_ELSEWHERE.has(c.measure)) {
    const unit = c.type === 'aggregate' ? AGGREGATE_MEASURES[c.measure].unit : 'percent';
    return {
      ...base,
      unit,
      value: null,
      met: null,
      status: 'not_measured',
      breaches: 0,
      sample: 0,
      tickets: [],
      evidence: [],
      cancelled: 0,
      cancelledTickets: [],
    };
  }
  const outcome = evaluate(c, facts, target);
  const evidence = outcome.evidence.map((e) => ({
    ticket: e.ticket,
    customer: e.customer,
    dueAt: e.dueAt === null ? null : toIso(e.dueAt),
    breachedAt: e.breachedAt === null ? null : toIso(e.breachedAt),
    ...(e.reason ? { reason: e.reason } : {}),
  }));
  return {
    ...base,
    unit: outcome.unit,
    value: outcome.value,
    met: outcome.met,
    status: outcome.met === null ? 'no_data' : outcome.met ? 'met' : 'breached',
    breaches: outcome.breaches,
    sample: outcome.sample,
    tickets: [...new Set(outcome.evidence.map((e) => e.ticket))],
    evidence,
    cancelled: outcome.cancelled?.length ?? 0,
    cancelledTickets: [...new Set((outcome.cancelled ?? []).map((e) => e.ticket))],
  };
}
