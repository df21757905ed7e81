export function meanTimes(incidents, window) {
    const inWindow = (t) => t != null && t >= window.from && t < window.to;
    const pending = (t) => t == null || t >= window.to;
    let ack = { count: 0, totalMs: 0 };
    let rec = { count: 0, totalMs: 0 };
    let unacknowledged = 0;
    let unresolved = 0;
    for (const i of incidents) {
        if (inWindow(i.acknowledgedAt))
            ack = { count: ack.count + 1, totalMs: ack.totalMs + Math.max(0, i.acknowledgedAt - i.detectedAt) };
        if (inWindow(i.resolvedAt))
            rec = { count: rec.count + 1, totalMs: rec.totalMs + Math.max(0, i.resolvedAt - i.detectedAt) };
        if (i.detectedAt < window.to) {
            if (pending(i.acknowledgedAt) && pending(i.resolvedAt))
                unacknowledged++;
            if (pending(i.resolvedAt))
                unresolved++;
        }
    }
    const mean = (m) => ({ ...m, meanMs: m.count === 0 ? null : m.totalMs / m.count });
    return { mtta: mean(ack), mttr: mean(rec), unacknowledged, unresolved };
}
/** The same, per service (incidents without a service are grouped under ""). */
export function meanTimesByService(incidents, window) {
    const groups = new Map();
    for (const i of incidents) {
        const key = i.service ?? '';
        const g = groups.get(key);
        if (g)
            g.push(i);
        else
            groups.set(key, [i]);
    }
    return new Map([...groups].map(([service, list]) => [service, meanTimes(list, window)]));
}
//# sourceMappingURL=mean-times.js.map