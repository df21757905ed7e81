import { SuretyError } from '../../domain/errors.js';
import { toIso } from '../../domain/time.js';
import { evaluateTicketClocks } from '../../evaluate/clocks/ticket-clocks.js';
import { commitmentHealth } from '../../evaluate/compliance/health.js';
import { fromMinorUnits } from '../../domain/money.js';
import { AGGREGATE_MEASURES } from '../../policy/measures.js';
import { formatTarget } from '../../policy/format-target.js';
import type { Policy } from '../../policy/policy.js';
import type {
  CommitmentFacts,
  ComplianceFacts,
  CreditFacts,
  CreditStatementFacts,
  ReportFacts,
  SignalFacts,
  TicketFacts,
} from '../../reports/facts.js';
import type { AvailabilityFacts as AvailabilitySource } from '../credits/availability-facts.js';
import { creditStatement } from '../credits/statement.js';
import { parsePeriod, type Period, type ReportKind } from '../../reports/period.js';
import { scopeOf } from '../authorize.js';
import { complianceReport } from '../compliance/report.js';
import type { ServiceContext } from '../context.js';
import { improvementView } from '../improvements/view.js';
import { todayIn } from '../improvements/dates.js';
import { ticketView } from '../tickets/view.js';
import type { Signal } from '../store/index.js';
import { availabilityFacts } from './availability-facts.js';
import type { ServiceAvailability } from '../compliance/availability-report.js';

/** More tickets than this in one period go into the report's figures but not its ticket lists. */
const MAX_TICKETS = 50_000;

export function commitmentFacts(policy: Policy): CommitmentFacts[] {
  return policy.commitments.map((c) => {
    const credit = c.onBreach
      .map((name) => policy.consequences.get(name))
      .find((k) => k?.type === 'credit' && typeof k.settings.percentOfMonthlyFee === 'number');
    return {
      id: c.id,
      name: c.name,
      type: c.type,
      measure: c.measure,
      target: formatTarget(c),
      creditPercent:
        c.type === 'ticket-clock' && credit
          ? (credit.settings.percentOfMonthlyFee as number)
          : null,
      better: c.type === 'aggregate' ? AGGREGATE_MEASURES[c.measure].better : 'higher',
    };
  });
}

export const signalFacts = (s: Signal): SignalFacts => ({
  id: s.id,
  type: s.type,
  at: toIso(s.at),
  subject: { type: s.subjectType, id: s.subjectId },
  commitment: s.commitment,
  customer: s.customer,
  data: s.data,
});

/** Compliance over any span; months are asked for by name so the window is the calendar month. */
export async function complianceOver(
  ctx: ServiceContext,
  span: { label: string; from: number; to: number },
  kind: ReportKind | 'month',
  customer: string | undefined,
): Promise<ComplianceFacts> {
  const input =
    kind === 'monthly' || kind === 'month'
      ? { month: span.label }
      : { from: toIso(span.from), to: toIso(span.to) };
  return complianceReport({ ctx, input: { ...input, ...(customer ? { customer } : {}) } });
}

/** Ids of the tickets created in [from, to), whatever their kind, oldest first. */
async function createdBetween(
  ctx: ServiceContext,
  from: number,
  to: number,
  customer: string | undefined,
): Promise<number[]> {
  const rows = await ctx.store.tickets.idsCreated(from, to, undefined, customer, MAX_TICKETS);
  return rows.map((r) => r.ticketId);
}

async function ticketFacts(ctx: ServiceContext, ids: readonly number[]): Promise<TicketFacts[]> {
  const tickets = await ctx.store.tickets.getMany(ids);
  const customers = new Map((await ctx.store.customers.list()).map((c) => [c.id, c]));
  const now = ctx.time.now();
  return tickets.map((t) => {
    const v = ticketView(
      ctx.policy,
      t,
      evaluateTicketClocks(ctx.policy, t, customers.get(t.customer), now),
    );
    return {
      id: v.id,
      customer: v.customer,
      kind: v.kind,
      priority: v.priority,
      channel: v.channel,
      subject: v.subject,
      status: v.status,
      createdAt: v.createdAt,
      rating: v.rating ?? null,
      decision: v.decision ?? null,
      breached: v.breached,
      clocks: v.clocks.map((c) => ({
        commitment: c.commitment,
        state: c.state,
        targetMs: c.targetMs,
        dueAt: c.dueAt,
        stoppedAt: c.stoppedAt,
        breachedAt: c.breachedAt,
        elapsedMs: c.elapsedMs,
      })),
      events: (v.events ?? []).map((e) => ({ type: e.type, at: e.at })),
    };
  });
}

/** Weeks (for a weekly report) or months (for a quarterly one) whose compliance the report charts. */
function seriesSpans(
  p: Period,
): Array<{ label: string; from: number; to: number; kind: ReportKind | 'month' }> {
  if (p.kind === 'quarterly') {
    return p.months.map((m) => {
      const mp = parsePeriod('monthly', m, p.zone);
      return { label: m, from: mp.from, to: mp.to, kind: 'month' as const };
    });
  }
  if (p.kind === 'weekly') {
    const weeks: Array<{ label: string; from: number; to: number; kind: ReportKind }> = [];
    let w: Period = p;
    for (let i = 0; i < 6; i++) {
      weeks.unshift({ label: w.label, from: w.from, to: w.to, kind: 'weekly' });
      w = parsePeriod('weekly', w.previous.label, p.zone);
    }
    return weeks;
  }
  return [];
}

/** Everything a report is made of, read once; the models do the rest. */
export async function gatherReportFacts(
  ctx: ServiceContext,
  kind: ReportKind,
  date: string,
  requestedCustomer?: string,
  availabilitySource?: AvailabilitySource,
): Promise<ReportFacts> {
  const period = parsePeriod(kind, date, ctx.policy.timezone);
  const scope = scopeOf(ctx.caller);
  if (scope !== undefined && requestedCustomer !== undefined && requestedCustomer !== scope)
    throw new SuretyError('forbidden', 'customer: a customer token sees only its own reports');
  const customer = scope ?? requestedCustomer;
  const [compliance, previousCompliance] = [
    await complianceOver(ctx, period, kind, customer),
    await complianceOver(ctx, period.previous, kind, customer),
  ];
  const series: Array<{ label: string; compliance: ComplianceFacts }> = [];
  for (const s of seriesSpans(period))
    series.push({ label: s.label, compliance: await complianceOver(ctx, s, s.kind, customer) });

  const createdIds = await createdBetween(ctx, period.from, period.to, customer);
  const tickets = await ticketFacts(ctx, createdIds);
  const previousTickets =
    kind === 'weekly'
      ? await ticketFacts(
          ctx,
          await createdBetween(ctx, period.previous.from, period.previous.to, customer),
        )
      : [];
  const known = new Set(createdIds);
  const evidenceIds = [
    ...new Set(compliance.commitments.flatMap((e) => e.evidence.map((x) => x.ticket))),
  ].filter((id) => !known.has(id));
  const breachedTickets = await ticketFacts(ctx, evidenceIds);
  const openTickets = await ticketFacts(
    ctx,
    await ctx.store.tickets.openIds(period.to, customer, 5_000),
  );
  const staff = scope === undefined;
  const signals = (
    await ctx.store.signals.between(period.from, period.to, { customer }, 10_000)
  ).map(signalFacts);
  const previousSignals = (
    await ctx.store.signals.between(period.previous.from, period.previous.to, { customer }, 10_000)
  ).filter((s) => s.type !== 'clock.warning').length;
  const customers = (await ctx.store.customers.list())
    .filter((c) => customer === undefined || c.id === customer)
    .map((c) => ({
      id: c.id,
      name: c.name,
      plan: c.plan ?? null,
      monthlyFee: fromMinorUnits(c.monthlyFeeMinor, c.currency),
      currency: c.currency,
    }));
  const today = todayIn(ctx.policy.timezone, ctx.time.now());
  const improvements = !staff
    ? []
    : kind === 'monthly'
      ? // The month's plan, and items of earlier plans still open.
        (await ctx.store.improvements.list({ toMonth: period.label, limit: 10_000 })).filter(
          (i) => i.month === period.label || i.status === 'planned' || i.status === 'in_progress',
        )
      : kind === 'quarterly'
        ? await ctx.store.improvements.list({
            fromMonth: period.months[0],
            toMonth: period.months[period.months.length - 1],
            limit: 10_000,
          })
        : [];
  const byId = new Map(ctx.policy.commitments.map((c) => [c.id, c]));
  const health: Record<
    string,
    { health: 'green' | 'amber' | 'red' | 'grey'; budgetLeft: number | null }
  > = {};
  for (const e of compliance.commitments)
    health[e.commitment] = commitmentHealth(byId.get(e.commitment)!, e);
  return {
    period,
    generatedAt: toIso(ctx.time.now()),
    policy: {
      name: ctx.policy.name,
      timezone: ctx.policy.timezone,
      currency: ctx.policy.currency,
      hash: ctx.policy.hash,
    },
    commitments: commitmentFacts(ctx.policy),
    customer: customer ?? null,
    compliance,
    previousCompliance,
    health,
    series,
    tickets,
    previousTickets,
    breachedTickets,
    openTickets,
    signals: staff ? signals : signals.filter((s) => s.type.startsWith('clock.')),
    previousSignals,
    customers,
    improvements: improvements.map((i) => improvementView(i, today)),
    availability: await availabilityFacts(
      ctx,
      (compliance as { availability?: readonly ServiceAvailability[] }).availability,
      period,
      customer,
    ),
    credits:
      kind === 'monthly'
        ? await creditsOver(ctx, [period.label], customer, availabilitySource)
        : kind === 'quarterly'
          ? await creditsOver(ctx, period.months, customer, availabilitySource)
          : null,
  };
}

/**
 * The credit ledger's statements for the months, merged per customer (each month capped on
 * its own, as the ledger does). The statement service brings the ledger up to date first.
 */
async function creditsOver(
  ctx: ServiceContext,
  months: readonly string[],
  customer: string | undefined,
  availability: AvailabilitySource | undefined,
): Promise<CreditFacts> {
  const merged = new Map<
    string,
    CreditStatementFacts & { totalMinor: number; lines: CreditStatementFacts['lines'][number][] }
  >();
  let rounding = '';
  for (const month of months) {
    const st = await creditStatement({
      ctx,
      input: { month, ...(customer ? { customer } : {}) },
      availability,
    });
    rounding = st.rounding;
    for (const c of st.customers) {
      const entry = merged.get(c.customer) ?? {
        customer: c.customer,
        name: c.name,
        currency: c.currency,
        minorUnit: c.minorUnit,
        monthlyFee: c.monthlyFee,
        cap: c.cap,
        total: 0,
        totalMinor: 0,
        lines: [],
      };
      entry.totalMinor += c.totalMinor;
      for (const l of c.lines) {
        entry.lines.push({
          month,
          commitment: l.commitment,
          consequence: l.consequence,
          kind: l.kind as 'breach' | 'uptime',
          ticket: l.ticket,
          incident: l.incident,
          dueAt: l.dueAt,
          breachedAt: l.breachedAt,
          stoppedAt: l.stoppedAt,
          uptimePercent: l.uptimePercent,
          percentOfMonthlyFee: l.percentOfMonthlyFee,
          amount: l.amount,
          ...('capped' in l && l.capped ? { capped: String(l.capped) } : {}),
        });
      }
      merged.set(c.customer, entry);
    }
  }
  return {
    months,
    rounding,
    customers: [...merged.values()].map(({ totalMinor, ...c }) => ({
      ...c,
      total: fromMinorUnits(totalMinor, c.currency),
    })),
  };
}
