export function header(f) {
    return {
        kind: f.period.kind,
        period: f.period.label,
        from: new Date(f.period.from).toISOString(),
        to: new Date(f.period.to).toISOString(),
        zone: f.period.zone,
        generatedAt: f.generatedAt,
        customer: f.customer,
        policyName: f.policy.name,
        policyHash: f.policy.hash,
        currency: f.policy.currency,
    };
}
/** Every ticket the facts know, by id, for subjects in the evidence. */
export function ticketIndex(f) {
    const m = new Map();
    for (const t of [...f.tickets, ...f.breachedTickets, ...f.openTickets])
        m.set(t.id, t);
    return m;
}
export function evidenceRows(e, tickets) {
    return e.evidence.map((x) => ({
        commitment: e.commitment,
        ticket: x.ticket,
        customer: x.customer,
        subject: tickets.get(x.ticket)?.subject ?? null,
        dueAt: x.dueAt,
        breachedAt: x.breachedAt,
        reason: x.reason ?? null,
    }));
}
export function changeOf(better, now, before) {
    if (now === null || before === null)
        return null;
    if (Math.abs(now - before) < 1e-9)
        return 'same';
    return (now > before) === (better === 'higher') ? 'better' : 'worse';
}
/** The commitments over the period against their targets, with the previous period beside them. */
export function commitmentRows(f) {
    const tickets = ticketIndex(f);
    const before = new Map(f.previousCompliance.commitments.map((e) => [e.commitment, e]));
    const meta = new Map(f.commitments.map((c) => [c.id, c]));
    return f.compliance.commitments.map((e) => {
        const prev = before.get(e.commitment)?.value ?? null;
        const h = f.health[e.commitment] ?? { health: 'grey', budgetLeft: null };
        return {
            id: e.commitment,
            name: e.name,
            target: e.target,
            targetHours: inHours(e.target),
            unit: e.unit,
            value: e.value,
            status: e.status,
            health: h.health,
            budgetLeft: h.budgetLeft,
            breaches: e.breaches,
            sample: e.sample,
            previous: prev,
            change: changeOf(meta.get(e.commitment)?.better ?? 'higher', e.value, prev),
            evidence: evidenceRows(e, tickets),
        };
    });
}
const DAY_MS = 86_400_000;
export const inRange = (iso, from, to) => iso !== null && Date.parse(iso) >= from && Date.parse(iso) < to;
export { DAY_MS };
function inHours(target) {
    const m = /^(\d+)d(?:(\d+)h)?$/.exec(target);
    return m ? `${Number(m[1]) * 24 + Number(m[2] ?? 0)}h` : null;
}
//# sourceMappingURL=common.js.map