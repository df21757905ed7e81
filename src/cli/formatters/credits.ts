import type { creditStatement } from '../../services/credits/statement.js';
import { table } from './table.js';

type Statement = Awaited<ReturnType<typeof creditStatement>>;

/** One CSV row per credit line, then one total row per customer; fields quoted where needed (RFC 4180). */
export function creditsCsv(s: Statement): string {
  const cell = (v: unknown) => {
    const t = v === null || v === undefined ? '' : String(v);
    return /[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  const rows = [
    [
      'month',
      'customer',
      'currency',
      'row',
      'commitment',
      'consequence',
      'ticket',
      'incident',
      'due_at',
      'breached_at',
      'percent_of_monthly_fee',
      'amount',
    ],
  ];
  for (const c of s.customers) {
    for (const l of c.lines)
      rows.push([
        s.month,
        c.customer,
        c.currency,
        'line',
        l.commitment,
        l.consequence,
        String(l.ticket ?? ''),
        l.incident ?? '',
        l.dueAt ?? '',
        l.breachedAt ?? '',
        String(l.percentOfMonthlyFee),
        money(l.amount, c.minorUnit),
      ]);
    rows.push([
      s.month,
      c.customer,
      c.currency,
      'total',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      money(c.total, c.minorUnit),
    ]);
  }
  return rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

const money = (amount: number, minorUnit: number) =>
  amount.toFixed(Math.max(0, Math.round(-Math.log10(minorUnit))));

export function creditsTable(s: Statement): string {
  const out = [`Service credits ${s.month} (${s.timezone})`, `Rounding: ${s.rounding}`, ''];
  for (const c of s.customers) {
    out.push(
      `${c.customer} (${c.name}): ${money(c.total, c.minorUnit)} ${c.currency} of a ${money(c.monthlyFee, c.minorUnit)} ${c.currency} monthly fee`,
    );
    if (c.lines.length > 0) {
      out.push(
        table(
          ['commitment', 'ticket/incident', 'due', 'breached', '%', 'amount'],
          c.lines.map((l) => [
            l.commitment,
            l.ticket !== null
              ? `ticket ${l.ticket}`
              : l.incident
                ? `incident ${l.incident}`
                : l.kind,
            l.dueAt ?? '-',
            l.breachedAt ?? '-',
            String(l.percentOfMonthlyFee),
            money(l.amount, c.minorUnit),
          ]),
        ),
      );
    }
    out.push('');
  }
  return out.join('\n');
}
