import { SuretyError } from '../../domain/errors.js';
import { toIso } from '../../domain/time.js';
import { commitmentHealth } from '../../evaluate/compliance/health.js';
import { fromMinorUnits } from '../../domain/money.js';
import type { ComplianceFacts, ReportFacts } from '../../reports/facts.js';
import type { AvailabilityCreditFacts } from '../credits/availability-credit-facts.js';
import { parsePeriod, type Period, type ReportKind } from '../../reports/period.js';
import { scopeOf } from '../authorize.js';
import { complianceReport } from '../compliance/report.js';
import type { ServiceContext } from '../context.js';
import { improvementView } from '../improvements/view.js';
import { todayIn } from '../improvements/dates.js';
import { availabilityFacts } from './availability-facts.js';
import type { ServiceAvailability } from '../compliance/availability-report.js';
import { commitmentFacts, signalFacts } from './fact-shapes.js';
import { createdBetween, ticketFacts } from './ticket-facts.js';
import { creditsOver } from './credits-over.js';
import { lateEntryFacts } from './late-entry-facts.js';
import { assessmentFacts } from './assessment-facts.js';
import { policyOfPeriod } from '../policy/terms.js';

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
  availabilitySource?: AvailabilityCreditFacts,
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
  // The period's own terms, as its compliance was judged by (a later version does not reach back).
  const terms = policyOfPeriod(ctx, period, ctx.time.now());
  const byId = new Map(terms.commitments.map((c) => [c.id, c]));
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
    commitments: commitmentFacts(terms),
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
    lateEntries:
      kind === 'monthly' || kind === 'quarterly'
        ? await lateEntryFacts(ctx, period, customer, staff)
        : null,
    audit: null,
    assessments: kind === 'quarterly' ? await assessmentFacts(ctx, period.label, staff) : [],
  };
}
