import { Type } from 'typebox';
import { SuretyError, invalidInput } from '../../domain/errors.js';
import { toIso } from '../../domain/time.js';
import { clockAttainment } from '../../evaluate/compliance/clock-attainment.js';
import { adoptionRate, complaintRate, resolutionRate, satisfaction } from '../../evaluate/compliance/ticket-rates.js';
import { effectiveTarget, selects } from '../../policy/effective-target.js';
import { formatTarget } from '../../policy/format-target.js';
import { AGGREGATE_MEASURES } from '../../policy/measures.js';
import { strictObject } from '../../validation/schema-kit.js';
import { scopeOf } from '../authorize.js';
import { sweepClocks } from '../clocks/sweep.js';
import { parseInput } from '../parse-input.js';
import { monthWindow, rangeWindow } from './window.js';
export const ComplianceInput = strictObject({
    month: Type.Optional(Type.String({ description: 'a calendar month in the policy time zone, like 2026-10' })),
    from: Type.Optional(Type.String({ description: 'start of a range: a date (2026-10-01) or date-time' })),
    to: Type.Optional(Type.String({ description: 'end of a range: a date (inclusive) or date-time (exclusive)' })),
    customer: Type.Optional(Type.String({ minLength: 1, description: 'one customer only, with its own targets' })),
});
/** Measures that later stages (probes, backups, incidents) report; without them, nothing to say yet. */
const MEASURED_ELSEWHERE = new Set(['uptime', 'unplanned_downtime', 'backup_success_rate', 'recovery_time', 'incident_engagement', 'incident_mitigation', 'incident_recovery']);
/** Every commitment measured over a month or range: value, target, met or breached, and the evidence. */
export async function complianceReport({ ctx, input }) {
    const q = parseInput(ComplianceInput, input, 'invalid compliance query');
    const window = windowOf(q, ctx.policy.timezone);
    const scope = scopeOf(ctx.caller);
    if (scope !== undefined && q.customer !== undefined && q.customer !== scope) {
        throw new SuretyError('forbidden', 'customer: a customer token sees only its own compliance');
    }
    const customerId = scope ?? q.customer;
    const customer = customerId === undefined ? undefined : await ctx.store.customers.get(customerId);
    if (customerId !== undefined && !customer) {
        throw new SuretyError(scope ? 'not_found' : 'unknown_reference', `customer: there is no customer "${customerId}"`);
    }
    // Clocks whose deadline passed since the last sweep are settled first, so the report is exact.
    await sweepClocks({ ctx });
    const facts = await gatherFacts(ctx.store, window, customerId);
    const commitments = ctx.policy.commitments.map((c) => {
        const target = customer ? effectiveTarget(ctx.policy, c, customer) : undefined;
        const base = { commitment: c.id, name: c.name, measure: c.measure, target: formatTarget(c, target) };
        if (MEASURED_ELSEWHERE.has(c.measure)) {
            const unit = c.type === 'aggregate' ? AGGREGATE_MEASURES[c.measure].unit : 'percent';
            return { ...base, unit, value: null, met: null, status: 'not_measured', breaches: 0, sample: 0, tickets: [], evidence: [] };
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
    });
    return {
        window: { from: toIso(window.from), to: toIso(window.to), label: window.label, timezone: ctx.policy.timezone },
        customer: customerId ?? null,
        generatedAt: toIso(ctx.time.now()),
        commitments,
    };
}
function windowOf(q, zone) {
    if (q.month !== undefined && (q.from !== undefined || q.to !== undefined)) {
        throw invalidInput('give either month, or from and to; not both', [{ path: '/month', message: 'conflicts with from/to' }]);
    }
    if (q.month !== undefined)
        return monthWindow(q.month, zone);
    if (q.from !== undefined && q.to !== undefined)
        return rangeWindow(q.from, q.to, zone);
    throw invalidInput('say which period: month=YYYY-MM, or from and to', [{ path: '/month', message: 'required' }]);
}
async function gatherFacts(store, w, customer) {
    const [clocks, events, created, complaints] = await Promise.all([
        store.clocks.settledBetween(w.from, w.to, customer),
        store.tickets.eventsBetween(['rated', 'resolved', 'closed', 'adopted', 'rejected'], w.from, w.to, customer),
        store.tickets.countCreated(w.from, w.to, customer),
        store.tickets.idsCreated(w.from, w.to, ['complaint'], customer, 1000),
    ]);
    // A ticket closed in the window counts as unresolved only if it was never resolved before.
    const closedOnly = [...new Set(events.filter((e) => e.type === 'closed').map((e) => e.ticketId))];
    const everResolved = new Set();
    for (const t of await store.tickets.getMany(closedOnly)) {
        if (t.events.some((e) => e.type === 'resolved'))
            everResolved.add(t.id);
    }
    return { clocks, events, created, everResolved, complaints };
}
function evaluate(c, f, customerTarget) {
    if (c.type === 'ticket-clock' || c.type === 'incident-clock') {
        return clockAttainment(f.clocks.filter((r) => r.commitment === c.id), c.attainment);
    }
    const target = customerTarget ?? c.target;
    const covered = (e) => selects(c.appliesTo, { kind: e.kind, priority: e.priority, channel: e.channel, customer: e.customer });
    const events = f.events.filter(covered);
    const ref = (e) => ({ ticketId: e.ticketId, customer: e.customer });
    switch (c.measure) {
        case 'satisfaction':
            return satisfaction(events.filter((e) => e.type === 'rated').map((e) => ({ ...ref(e), rating: e.rating })), target);
        case 'resolution_rate':
            return resolutionRate(events
                .filter((e) => e.type === 'resolved' || (e.type === 'closed' && !f.everResolved.has(e.ticketId)))
                .map((e) => ({ ...ref(e), resolved: e.type === 'resolved' })), target);
        case 'complaint_rate': {
            const created = f.created.filter((r) => selects({ ...c.appliesTo, kinds: undefined }, { channel: r.channel, customer: r.customer }));
            const total = created.reduce((s, r) => s + r.count, 0);
            const complaints = created.filter((r) => r.kind === 'complaint').reduce((s, r) => s + r.count, 0);
            return complaintRate(total, f.complaints.filter((t) => selects({ ...c.appliesTo, kinds: undefined }, { customer: t.customer })), complaints, target);
        }
        case 'adoption_rate':
            return adoptionRate(events.filter((e) => e.type === 'adopted' || e.type === 'rejected').map((e) => ({ ...ref(e), adopted: e.type === 'adopted' })), target);
        default:
            return { value: null, unit: AGGREGATE_MEASURES[c.measure].unit, met: null, breaches: 0, sample: 0, evidence: [] };
    }
}
//# sourceMappingURL=report.js.map