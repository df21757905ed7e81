import { Type, type Static } from 'typebox';
import { SuretyError, invalidInput } from '../../domain/errors.js';
import type { Localized } from '../../domain/localized.js';
import { toIso } from '../../domain/time.js';
import type { TicketId } from '../../domain/ticket.js';
import { clockAttainment } from '../../evaluate/compliance/clock-attainment.js';
import type { Outcome } from '../../evaluate/compliance/result.js';
import {
  adoptionRate,
  complaintRate,
  resolutionRate,
  satisfaction,
} from '../../evaluate/compliance/ticket-rates.js';
import { effectiveTarget, selects } from '../../policy/effective-target.js';
import { formatTarget } from '../../policy/format-target.js';
import { AGGREGATE_MEASURES } from '../../policy/measures.js';
import type { AggregateCommitment, Commitment } from '../../policy/policy.js';
import type { TargetValue, Threshold } from '../../domain/target.js';
import { strictObject } from '../../validation/schema-kit.js';
import { scopeOf } from '../authorize.js';
import { sweepClocks } from '../clocks/sweep.js';
import type { ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';
import type { Store, TicketEventRow } from '../store/index.js';
import { monthWindow, rangeWindow, type Window } from './window.js';
import {
  availabilityEntries,
  availabilityOutcome,
  AVAILABILITY_MEASURES,
  type ServiceAvailability,
} from './availability-report.js';
import { closedWindowFacts } from './facts-cache.js';

export const ComplianceInput = strictObject({
  month: Type.Optional(
    Type.String({ description: 'a calendar month in the policy time zone, like 2026-10' }),
  ),
  from: Type.Optional(
    Type.String({ description: 'start of a range: a date (2026-10-01) or date-time' }),
  ),
  to: Type.Optional(
    Type.String({ description: 'end of a range: a date (inclusive) or date-time (exclusive)' }),
  ),
  customer: Type.Optional(
    Type.String({ minLength: 1, description: 'one customer only, with its own targets' }),
  ),
});
export type ComplianceInput = Static<typeof ComplianceInput>;

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
  for (const c of ctx.policy.commitments) {
    const target = customer ? effectiveTarget(ctx.policy, c, customer) : undefined;
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
  };
}

function windowOf(q: ComplianceInput, zone: string): Window {
  if (q.month !== undefined && (q.from !== undefined || q.to !== undefined)) {
    throw invalidInput('give either month, or from and to; not both', [
      { path: '/month', message: 'conflicts with from/to' },
    ]);
  }
  if (q.month !== undefined) return monthWindow(q.month, zone);
  if (q.from !== undefined && q.to !== undefined) return rangeWindow(q.from, q.to, zone);
  throw invalidInput('say which period: month=YYYY-MM, or from and to', [
    { path: '/month', message: 'required' },
  ]);
}

interface Facts {
  readonly clocks: Awaited<ReturnType<Store['clocks']['settledBetween']>>;
  readonly events: readonly TicketEventRow[];
  readonly created: Awaited<ReturnType<Store['tickets']['countCreated']>>;
  readonly everResolved: ReadonlySet<TicketId>;
  readonly complaints: ReadonlyArray<{ ticketId: TicketId; customer: string }>;
}

async function gatherFacts(store: Store, w: Window, customer: string | undefined): Promise<Facts> {
  const [clocks, events, created, complaints] = await Promise.all([
    store.clocks.settledBetween(w.from, w.to, customer),
    store.tickets.eventsBetween(
      ['rated', 'resolved', 'closed', 'adopted', 'rejected'],
      w.from,
      w.to,
      customer,
    ),
    store.tickets.countCreated(w.from, w.to, customer),
    store.tickets.idsCreated(w.from, w.to, ['complaint'], customer, 1000),
  ]);
  // A ticket closed in the window counts as unresolved only if it was never resolved before.
  const closedOnly = [...new Set(events.filter((e) => e.type === 'closed').map((e) => e.ticketId))];
  const everResolved: ReadonlySet<TicketId> = await store.tickets.idsWithEvent(
    closedOnly,
    'resolved',
  );
  return { clocks, events, created, everResolved, complaints };
}

function evaluate(c: Commitment, f: Facts, customerTarget: TargetValue | undefined): Outcome {
  if (c.type === 'ticket-clock' || c.type === 'incident-clock') {
    return clockAttainment(
      f.clocks.filter((r) => r.commitment === c.id),
      c.attainment,
    );
  }
  const target = (customerTarget as Threshold | undefined) ?? c.target;
  const covered = (e: { kind: string; channel: string; customer: string; priority?: string }) =>
    selects(c.appliesTo, {
      kind: e.kind,
      priority: e.priority,
      channel: e.channel,
      customer: e.customer,
    });
  const events = f.events.filter(covered);
  const ref = (e: TicketEventRow) => ({ ticketId: e.ticketId, customer: e.customer });
  switch (c.measure) {
    case 'satisfaction':
      return satisfaction(
        events.filter((e) => e.type === 'rated').map((e) => ({ ...ref(e), rating: e.rating! })),
        target,
      );
    case 'resolution_rate':
      return resolutionRate(
        events
          .filter(
            (e) =>
              e.type === 'resolved' || (e.type === 'closed' && !f.everResolved.has(e.ticketId)),
          )
          .map((e) => ({ ...ref(e), resolved: e.type === 'resolved' })),
        target,
      );
    case 'complaint_rate': {
      const created = f.created.filter((r) =>
        selects({ ...c.appliesTo, kinds: undefined }, { channel: r.channel, customer: r.customer }),
      );
      const total = created.reduce((s, r) => s + r.count, 0);
      const complaints = created
        .filter((r) => r.kind === 'complaint')
        .reduce((s, r) => s + r.count, 0);
      return complaintRate(
        total,
        f.complaints.filter((t) =>
          selects({ ...c.appliesTo, kinds: undefined }, { customer: t.customer }),
        ),
        complaints,
        target,
      );
    }
    case 'adoption_rate':
      return adoptionRate(
        events
          .filter((e) => e.type === 'adopted' || e.type === 'rejected')
          .map((e) => ({ ...ref(e), adopted: e.type === 'adopted' })),
        target,
      );
    default:
      return {
        value: null,
        unit: AGGREGATE_MEASURES[(c as AggregateCommitment).measure].unit,
        met: null,
        breaches: 0,
        sample: 0,
        evidence: [],
      };
  }
}
