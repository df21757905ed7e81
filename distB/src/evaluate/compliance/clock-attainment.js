export function clockAttainment(rows, attainment) {
    const breached = rows.filter((r) => r.breachedAt !== null);
    const sample = rows.length;
    const value = sample === 0 ? null : round(((sample - breached.length) / sample) * 100);
    return {
        value,
        unit: 'percent',
        met: sample === 0 ? null : (sample - breached.length) / sample >= attainment - 1e-12,
        breaches: breached.length,
        sample,
        evidence: breached.map((r) => ({ ticket: r.ticketId, customer: r.customer, dueAt: r.dueAt, breachedAt: r.breachedAt })),
    };
}
export const round = (x, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
//# sourceMappingURL=clock-attainment.js.map