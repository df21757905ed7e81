import { commitmentRows, header, inRange } from './common.js';
import { feedbackModel } from './feedback.js';
export function dailyReport(f) {
    const rows = commitmentRows(f);
    const { from, to } = f.period;
    const resolved = [...f.tickets, ...f.openTickets, ...f.breachedTickets].filter((t) => t.events.some((e) => e.type === 'resolved' && inRange(e.at, from, to)));
    const byKind = {};
    for (const t of f.tickets)
        byKind[t.kind] = (byKind[t.kind] ?? 0) + 1;
    return {
        kind: 'daily',
        header: header(f),
        system: { availability: f.availability, signals: f.signals.filter((s) => s.type !== 'clock.warning') },
        handling: {
            created: f.tickets.length,
            resolved: new Set(resolved.map((t) => t.id)).size,
            openAtEnd: f.openTickets.length,
            breachedOpen: f.openTickets.filter((t) => t.breached).length,
            byKind,
            breaches: rows.flatMap((r) => r.evidence.filter((e) => e.breachedAt !== null)),
        },
        feedback: feedbackModel(f.tickets),
        commitments: rows,
    };
}
//# sourceMappingURL=daily.js.map