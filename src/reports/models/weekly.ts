import { DAY } from '../../domain/duration.js';
import type { ReportFacts } from '../facts.js';
import { commitmentRows, header, type CommitmentRow, type ReportHeader } from './common.js';
import { emergingProblems, type EmergingProblem } from './emerging.js';

/** The weekly trend analysis: every commitment week over week, the weeks before, and what is emerging. */
export interface WeeklyReport {
  readonly kind: 'weekly';
  readonly header: ReportHeader;
  readonly previousPeriod: string;
  readonly commitments: readonly CommitmentRow[];
  /** Each commitment's value in each of the recent weeks, oldest first (for the trend chart). */
  readonly trend: {
    readonly weeks: readonly string[];
    readonly values: Readonly<Record<string, ReadonlyArray<number | null>>>;
  };
  /** Tickets created per day of the week. */
  readonly volume: ReadonlyArray<{ day: string; count: number }>;
  readonly emerging: readonly EmergingProblem[];
}

export function weeklyReport(f: ReportFacts): WeeklyReport {
  const rows = commitmentRows(f);
  const weeks = f.series.map((s) => s.label);
  const values: Record<string, Array<number | null>> = {};
  for (const r of rows)
    values[r.id] = f.series.map(
      (s) => s.compliance.commitments.find((e) => e.commitment === r.id)?.value ?? null,
    );
  const days = new Map<string, number>();
  for (let t = f.period.from; t < f.period.to; t += DAY) days.set(dayKey(t, f.period.zone), 0);
  for (const t of f.tickets) {
    const k = dayKey(Date.parse(t.createdAt), f.period.zone);
    if (days.has(k)) days.set(k, days.get(k)! + 1);
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

function dayKey(t: number, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(t);
}
