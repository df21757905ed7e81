import { fromMinorUnits } from '../../domain/money.js';
import type { CreditFacts, CreditStatementFacts } from '../../reports/facts.js';
import type { AvailabilityCreditFacts } from '../credits/availability-credit-facts.js';
import { creditStatement } from '../credits/statement.js';
import type { ServiceContext } from '../context.js';

/**
 * The credit ledger's statements for the months, merged per customer (each month capped on
 * its own, as the ledger does). The statement service brings the ledger up to date first.
 */
export async function creditsOver(
  ctx: ServiceContext,
  months: readonly string[],
  customer: string | undefined,
  availability: AvailabilityCreditFacts | undefined,
): Promise<CreditFacts> {
  const merged = new Map<
    string,
    CreditStatementFacts & { totalMinor: number; lines: CreditStatementFacts['lines'][number][] }
  >();
  let rounding = '';
  for (const month of months) {
    const st = await creditStatement({
      ctx,
      input: { month, ...(customer ? { customer } : {}) },
      availability,
    });
    rounding = st.rounding;
    for (const c of st.customers) {
      const entry = merged.get(c.customer) ?? {
        customer: c.customer,
        name: c.name,
        currency: c.currency,
        minorUnit: c.minorUnit,
        monthlyFee: c.monthlyFee,
        cap: c.cap,
        total: 0,
        totalMinor: 0,
        lines: [],
      };
      entry.totalMinor += c.totalMinor;
      for (const l of c.lines) {
        entry.lines.push({
          month,
          commitment: l.commitment,
          consequence: l.consequence,
          kind: l.kind as 'breach' | 'uptime',
          ticket: l.ticket,
          incident: l.incident,
          dueAt: l.dueAt,
          breachedAt: l.breachedAt,
          stoppedAt: l.stoppedAt,
          uptimePercent: l.uptimePercent,
          percentOfMonthlyFee: l.percentOfMonthlyFee,
          amount: l.amount,
          ...('capped' in l && l.capped ? { capped: String(l.capped) } : {}),
        });
      }
      merged.set(c.customer, entry);
    }
  }
  return {
    months,
    rounding,
    customers: [...merged.values()].map(({ totalMinor, ...c }) => ({
      ...c,
      total: fromMinorUnits(totalMinor, c.currency),
    })),
  };
}
