export function mttrModel(tickets, availability) {
    const sums = new Map();
    for (const t of tickets) {
        const resolved = t.events.find((e) => e.type === 'resolved');
        if (!resolved || t.kind !== 'problem')
            continue;
        const s = sums.get(t.priority) ?? { total: 0, count: 0 };
        s.total += Date.parse(resolved.at) - Date.parse(t.createdAt);
        s.count += 1;
        sums.set(t.priority, s);
    }
    const order = ['urgent', 'general', 'complex'];
    return {
        incidentsMs: availability?.mttrMs ?? null,
        incidents: availability?.incidents.length ?? 0,
        ticketsByPriority: [...sums].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)).map(([priority, s]) => ({ priority, meanMs: Math.round(s.total / s.count), count: s.count })),
    };
}
//# sourceMappingURL=mttr.js.map