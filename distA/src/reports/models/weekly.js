import { commitmentRows, header } from './common.js';
import { emergingProblems } from './emerging.js';
export function weeklyReport(f) {
    const rows = commitmentRows(f);
    const weeks = f.series.map((s) => s.label);
    const values = {};
    for (const r of rows)
        values[r.id] = f.series.map((s) => s.compliance.commitments.find((e) => e.commitment === r.id)?.value ?? null);
    const days = new Map();
    for (let t = f.period.from; t < f.period.to; t += 86_400_000)
        days.set(dayKey(t, f.period.zone), 0);
    for (const t of f.tickets) {
        const k = dayKey(Date.parse(t.createdAt), f.period.zone);
        if (days.has(k))
            days.set(k, days.get(k) + 1);
    }
    return {
        kind: 'weekly',
        header: header(f),
        previousPeriod: f.period.previous.label,
        commitments: rows,
        trend: { weeks, values },
        volume: [...days].map(([day, count]) => ({ day, count })),
        emerging: emergingProblems(f, rows, f.previousTickets),
    };
}
function dayKey(t, zone) {
    return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(t);
}
//# sourceMappingURL=weekly.js.map