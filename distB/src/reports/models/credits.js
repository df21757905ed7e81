/**
 * Credits owed per customer. With a ledger, its entries; without one, each clock breach of a
 * commitment with a per-breach credit (5 % of the monthly fee per response timeout, in the
 * guarantee) counts once, capped at the whole fee.
 */
export function creditsModel(compliance, commitments, customers, ledger) {
    const byId = new Map(customers.map((c) => [c.id, c]));
    const rows = new Map();
    const row = (customer, currency) => {
        let r = rows.get(customer);
        if (!r)
            rows.set(customer, (r = { breaches: 0, percent: 0, amount: 0, currency, tickets: new Set() }));
        return r;
    };
    if (ledger) {
        for (const c of ledger) {
            const r = row(c.customer, c.currency);
            r.breaches += 1;
            r.amount += c.amount;
            if (c.ticket !== null)
                r.tickets.add(c.ticket);
        }
        for (const [id, r] of rows) {
            const fee = byId.get(id)?.monthlyFee ?? 0;
            r.percent = fee > 0 ? Math.round((r.amount / fee) * 10000) / 100 : 0;
        }
    }
    else {
        const percentOf = new Map(commitments.map((c) => [c.id, c.creditPercent]));
        for (const e of compliance.commitments) {
            const pct = percentOf.get(e.commitment);
            if (!pct)
                continue;
            for (const x of e.evidence) {
                const customer = byId.get(x.customer);
                if (!customer)
                    continue;
                const r = row(x.customer, customer.currency);
                r.breaches += 1;
                r.percent = Math.min(100, r.percent + pct);
                r.tickets.add(x.ticket);
            }
        }
        for (const [id, r] of rows)
            r.amount = Math.round(((byId.get(id)?.monthlyFee ?? 0) * r.percent) / 100 * 100) / 100;
    }
    const out = [...rows]
        .map(([customer, r]) => ({ customer, customerName: byId.get(customer)?.name ?? customer, breaches: r.breaches, percent: r.percent, amount: r.amount, currency: r.currency, tickets: [...r.tickets].sort((a, b) => a - b) }))
        .sort((a, b) => b.amount - a.amount || a.customer.localeCompare(b.customer));
    const totals = new Map();
    for (const r of out)
        totals.set(r.currency, (totals.get(r.currency) ?? 0) + r.amount);
    return { source: ledger ? 'ledger' : 'projected', rows: out, total: [...totals].map(([currency, amount]) => ({ currency, amount: Math.round(amount * 100) / 100 })) };
}
//# sourceMappingURL=credits.js.map