import { SuretyError } from '../../domain/errors.js';
import { toIso } from '../../domain/time.js';
import { evaluateTicketClocks } from '../../evaluate/clocks/ticket-clocks.js';
import { commitmentHealth } from '../../evaluate/compliance/health.js';
import { fromMinorUnits } from '../../domain/money.js';
import { AGGREGATE_MEASURES } from '../../policy/measures.js';
import { formatTarget } from '../../policy/format-target.js';
import { parsePeriod } from '../../reports/period.js';
import { scopeOf } from '../authorize.js';
import { complianceReport } from '../compliance/report.js';
import { improvementView } from '../improvements/view.js';
import { todayIn } from '../improvements/dates.js';
import { ticketView } from '../tickets/view.js';
/** More tickets than this in one period go into the report's figures but not its ticket lists. */
const MAX_TICKETS = 50_000;
export function commitmentFacts(policy) {
    return policy.commitments.map((c) => {
        const credit = c.onBreach.map((name) => policy.consequences.get(name)).find((k) => k?.type === 'credit' && typeof k.settings.percentOfMonthlyFee === 'number');
        return {
            id: c.id,
            name: c.name,
            type: c.type,
            measure: c.measure,
            target: formatTarget(c),
            creditPercent: c.type === 'ticket-clock' && credit ? credit.settings.percentOfMonthlyFee : null,
            better: c.type === 'aggregate' ? AGGREGATE_MEASURES[c.measure].better : 'higher',
        };
    });
}
export const signalFacts = (s) => ({ id: s.id, type: s.type, at: toIso(s.at), subject: { type: s.subjectType, id: s.subjectId }, commitment: s.commitment, customer: s.customer, data: s.data });
/** Compliance over any span; months are asked for by name so the window is the calendar month. */
export async function complianceOver(ctx, span, kind, customer) {
    const input = kind === 'monthly' || kind === 'month' ? { month: span.label } : { from: toIso(span.from), to: toIso(span.to) };
    return complianceReport({ ctx, input: { ...input, ...(customer ? { customer } : {}) } });
}
async function ticketFacts(ctx, ids) {
    const tickets = await ctx.store.tickets.getMany(ids);
    const customers = new Map((await ctx.store.customers.list()).map((c) => [c.id, c]));
    const now = ctx.time.now();
    return tickets.map((t) => {
        const v = ticketView(ctx.policy, t, evaluateTicketClocks(ctx.policy, t, customers.get(t.customer), now));
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
            clocks: v.clocks.map((c) => ({ commitment: c.commitment, state: c.state, targetMs: c.targetMs, dueAt: c.dueAt, stoppedAt: c.stoppedAt, breachedAt: c.breachedAt, elapsedMs: c.elapsedMs })),
            events: (v.events ?? []).map((e) => ({ type: e.type, at: e.at })),
        };
    });
}
/** Weeks (for a weekly report) or months (for a quarterly one) whose compliance the report charts. */
function seriesSpans(p) {
    if (p.kind === 'quarterly') {
        return p.months.map((m) => {
            const mp = parsePeriod('monthly', m, p.zone);
            return { label: m, from: mp.from, to: mp.to, kind: 'month' };
        });
    }
    if (p.kind === 'weekly') {
        const weeks = [];
        let w = p;
        for (let i = 0; i < 6; i++) {
            weeks.unshift({ label: w.label, from: w.from, to: w.to, kind: 'weekly' });
            w = parsePeriod('weekly', w.previous.label, p.zone);
        }
        return weeks;
    }
    return [];
}
/** Everything a report is made of, read once; the models do the rest. */
export async function gatherReportFacts(ctx, kind, date, requestedCustomer) {
    const period = parsePeriod(kind, date, ctx.policy.timezone);
    const scope = scopeOf(ctx.caller);
    if (scope !== undefined && requestedCustomer !== undefined && requestedCustomer !== scope)
        throw new SuretyError('forbidden', 'customer: a customer token sees only its own reports');
    const customer = scope ?? requestedCustomer;
    const [compliance, previousCompliance] = [await complianceOver(ctx, period, kind, customer), await complianceOver(ctx, period.previous, kind, customer)];
    const series = [];
    for (const s of seriesSpans(period))
        series.push({ label: s.label, compliance: await complianceOver(ctx, s, s.kind, customer) });
    const createdIds = await ctx.store.reports.ticketIdsCreated(period.from, period.to, customer, MAX_TICKETS);
    const tickets = await ticketFacts(ctx, createdIds);
    const previousTickets = kind === 'weekly' ? await ticketFacts(ctx, await ctx.store.reports.ticketIdsCreated(period.previous.from, period.previous.to, customer, MAX_TICKETS)) : [];
    const known = new Set(createdIds);
    const evidenceIds = [...new Set(compliance.commitments.flatMap((e) => e.evidence.map((x) => x.ticket)))].filter((id) => !known.has(id));
    const breachedTickets = await ticketFacts(ctx, evidenceIds);
    const openTickets = await ticketFacts(ctx, await ctx.store.reports.openTicketIds(period.to, customer, 5_000));
    const staff = scope === undefined;
    const signals = (await ctx.store.reports.signalsBetween(period.from, period.to, { customer }, 10_000)).map(signalFacts);
    const previousSignals = (await ctx.store.reports.signalsBetween(period.previous.from, period.previous.to, { customer }, 10_000)).filter((s) => s.type !== 'clock.warning').length;
    const customers = (await ctx.store.customers.list())
        .filter((c) => customer === undefined || c.id === customer)
        .map((c) => ({ id: c.id, name: c.name, plan: c.plan ?? null, monthlyFee: fromMinorUnits(c.monthlyFeeMinor, c.currency), currency: c.currency }));
    const today = todayIn(ctx.policy.timezone, ctx.time.now());
    const improvements = !staff
        ? []
        : kind === 'monthly'
            ? // The month's plan, and items of earlier plans still open.
                (await ctx.store.improvements.list({ toMonth: period.label, limit: 10_000 })).filter((i) => i.month === period.label || i.status === 'planned' || i.status === 'in_progress')
            : kind === 'quarterly'
                ? await ctx.store.improvements.list({ fromMonth: period.months[0], toMonth: period.months[period.months.length - 1], limit: 10_000 })
                : [];
    const byId = new Map(ctx.policy.commitments.map((c) => [c.id, c]));
    const health = {};
    for (const e of compliance.commitments)
        health[e.commitment] = commitmentHealth(byId.get(e.commitment), e);
    return {
        period,
        generatedAt: toIso(ctx.time.now()),
        policy: { name: ctx.policy.name, timezone: ctx.policy.timezone, currency: ctx.policy.currency, hash: ctx.policy.hash },
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
        // Filled when the availability and consequences stages land (their stores and APIs).
        availability: null,
        credits: null,
    };
}
//# sourceMappingURL=gather.js.map