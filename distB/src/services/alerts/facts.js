import { toIso } from '../../domain/time.js';
export async function gatherFacts(store, policy, s) {
    const c = s.commitment === null ? undefined : policy.commitments.find((x) => x.id === s.commitment);
    const rule = s.commitment === null ? undefined : policy.metrics.rules.find((r) => r.id === s.commitment);
    const customer = s.customer === null ? undefined : await store.customers.get(s.customer);
    const ticket = s.subjectType === 'ticket' && /^\d+$/.test(s.subjectId) ? await store.tickets.get(Number(s.subjectId)) : undefined;
    return {
        event: { type: s.type, at: toIso(s.at), subject: { type: s.subjectType, id: s.subjectId }, data: s.data },
        commitment: s.commitment === null ? null : { id: s.commitment, name: c?.name ?? rule?.name ?? { en: s.commitment, zh: s.commitment } },
        customer: s.customer === null ? null : { id: s.customer, name: customer?.name ?? s.customer },
        ticket: ticket ? { id: ticket.id, subject: ticket.subject, kind: ticket.currentKind, priority: ticket.currentPriority, status: ticket.status } : null,
    };
}
/** The context one message is rendered from, in one language. */
export function messageContext(kind, page, language) {
    const { facts, alert, recipient, ...extra } = page;
    return {
        ...extra,
        kind,
        alert,
        event: facts.event,
        commitment: facts.commitment && { id: facts.commitment.id, name: facts.commitment.name[language] },
        customer: facts.customer,
        ticket: facts.ticket,
        recipient,
    };
}
export function alertSummary(a, step) {
    return {
        id: a.id,
        severity: a.severity,
        expedite: a.expedite,
        openedAt: toIso(a.openedAt),
        summary: a.summary,
        resolution: a.resolution ?? null,
        levelName: step?.levelName ?? null,
        repeat: step?.repeat ?? 0,
    };
}
//# sourceMappingURL=facts.js.map