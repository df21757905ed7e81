import type { ReportFacts, TicketFacts } from '../facts.js';
import type { CommitmentRow } from './common.js';

/** Something the weekly trend analysis flags before it becomes a breach (guarantee §5). */
export interface EmergingProblem {
  readonly kind: 'newlyBreached' | 'worsened' | 'volumeUp' | 'customerBreaches' | 'anomaliesUp';
  readonly subject: string;
  readonly now: number;
  readonly before: number | null;
}

/** A volume has to at least this factor and this count before it counts as rising. */
const VOLUME_FACTOR = 1.5;
const VOLUME_MIN = 5;
/** A value that lost this share of its budget week over week counts as worsening. */
const BUDGET_DROP = 0.2;

export function emergingProblems(
  f: ReportFacts,
  rows: readonly CommitmentRow[],
  previousTickets: readonly TicketFacts[],
): EmergingProblem[] {
  const out: EmergingProblem[] = [];
  const before = new Map(f.previousCompliance.commitments.map((e) => [e.commitment, e]));
  for (const r of rows) {
    const prev = before.get(r.id);
    if (r.status === 'breached' && prev?.status !== 'breached')
      out.push({
        kind: 'newlyBreached',
        subject: r.id,
        now: r.breaches,
        before: prev?.breaches ?? null,
      });
    else if (
      r.change === 'worse' &&
      r.status === 'met' &&
      r.budgetLeft !== null &&
      r.budgetLeft < 1 - BUDGET_DROP
    )
      out.push({ kind: 'worsened', subject: r.id, now: r.value!, before: r.previous });
  }
  const volume = (ts: readonly TicketFacts[]) => {
    const m = new Map<string, number>();
    for (const t of ts)
      for (const key of [`kind:${t.kind}`, `channel:${t.channel}`])
        m.set(key, (m.get(key) ?? 0) + 1);
    return m;
  };
  const nowV = volume(f.tickets);
  const prevV = volume(previousTickets);
  for (const [key, n] of [...nowV].sort(([a], [b]) => a.localeCompare(b))) {
    const p = prevV.get(key) ?? 0;
    if (n >= VOLUME_MIN && n >= p * VOLUME_FACTOR && n > p)
      out.push({ kind: 'volumeUp', subject: key, now: n, before: p });
  }
  const perCustomer = new Map<string, number>();
  for (const r of rows)
    for (const e of r.evidence)
      if (e.breachedAt) perCustomer.set(e.customer, (perCustomer.get(e.customer) ?? 0) + 1);
  for (const [customer, n] of [...perCustomer].sort(([a], [b]) => a.localeCompare(b)))
    if (n >= 3) out.push({ kind: 'customerBreaches', subject: customer, now: n, before: null });
  const alerts = f.signals.filter((s) => s.type !== 'clock.warning').length;
  if (
    alerts >= VOLUME_MIN &&
    alerts >= f.previousSignals * VOLUME_FACTOR &&
    alerts > f.previousSignals
  )
    out.push({ kind: 'anomaliesUp', subject: 'signals', now: alerts, before: f.previousSignals });
  return out;
}
