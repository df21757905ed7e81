import type {
  CommitmentFacts,
  ComplianceFacts,
  CreditFacts,
  CreditLineFacts,
  CustomerFacts,
} from '../facts.js';

export interface CreditRow {
  readonly customer: string;
  readonly customerName: string;
  /** Credit lines (a breach each, or an uptime tier). */
  readonly breaches: number;
  /** The credits as a share of one month's fee. */
  readonly percent: number;
  readonly amount: number;
  readonly currency: string;
  readonly tickets: readonly number[];
  /** The ledger's lines with their evidence; empty when projected. */
  readonly lines: readonly CreditLineFacts[];
}

export interface CreditsModel {
  /** "ledger": the credit ledger's statements; "projected": estimated from the breaches (no statement for the period). */
  readonly source: 'ledger' | 'projected';
  /** How the ledger rounds, as it states it; null when projected. */
  readonly rounding: string | null;
  readonly rows: readonly CreditRow[];
  readonly total: ReadonlyArray<{ currency: string; amount: number }>;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Credits owed per customer. From the ledger's statements when the facts carry them (the
 * amounts are the ledger's, rounded and capped by it; nothing is recomputed here); without
 * them, each clock breach of a commitment with a per-breach credit counts once, capped at
 * the whole fee.
 */
export function creditsModel(
  compliance: ComplianceFacts,
  commitments: readonly CommitmentFacts[],
  customers: readonly CustomerFacts[],
  ledger: CreditFacts | null,
): CreditsModel {
  const byId = new Map(customers.map((c) => [c.id, c]));
  let out: CreditRow[];
  if (ledger) {
    out = ledger.customers
      .filter((c) => c.lines.length > 0)
      .map((c) => ({
        customer: c.customer,
        customerName: c.name,
        breaches: c.lines.length,
        percent: c.monthlyFee > 0 ? round2((c.total / c.monthlyFee) * 100) : 0,
        amount: c.total,
        currency: c.currency,
        tickets: [...new Set(c.lines.flatMap((l) => (l.ticket === null ? [] : [l.ticket])))].sort(
          (a, b) => a - b,
        ),
        lines: c.lines,
      }));
  } else {
    const rows = new Map<
      string,
      { breaches: number; percent: number; currency: string; tickets: Set<number> }
    >();
    const percentOf = new Map(commitments.map((c) => [c.id, c.creditPercent]));
    for (const e of compliance.commitments) {
      const pct = percentOf.get(e.commitment);
      if (!pct) continue;
      for (const x of e.evidence) {
        const customer = byId.get(x.customer);
        if (!customer) continue;
        let r = rows.get(x.customer);
        if (!r)
          rows.set(
            x.customer,
            (r = { breaches: 0, percent: 0, currency: customer.currency, tickets: new Set() }),
          );
        r.breaches += 1;
        r.percent = Math.min(100, r.percent + pct);
        r.tickets.add(x.ticket);
      }
    }
    out = [...rows].map(([customer, r]) => ({
      customer,
      customerName: byId.get(customer)?.name ?? customer,
      breaches: r.breaches,
      percent: r.percent,
      amount: round2(((byId.get(customer)?.monthlyFee ?? 0) * r.percent) / 100),
      currency: r.currency,
      tickets: [...r.tickets].sort((a, b) => a - b),
      lines: [],
    }));
  }
  out.sort((a, b) => b.amount - a.amount || a.customer.localeCompare(b.customer));
  const totals = new Map<string, number>();
  for (const r of out) totals.set(r.currency, (totals.get(r.currency) ?? 0) + r.amount);
  return {
    source: ledger ? 'ledger' : 'projected',
    rounding: ledger?.rounding ?? null,
    rows: out,
    total: [...totals].map(([currency, amount]) => ({ currency, amount: round2(amount) })),
  };
}
