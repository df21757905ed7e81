import { DateTime } from 'luxon';
import { invalidInput } from '../domain/errors.js';
import type { Instant } from '../domain/time.js';

export const REPORT_KINDS = ['daily', 'weekly', 'monthly', 'quarterly'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** The span a report covers, in the policy's zone, with the span before it for comparison. */
export interface Period {
  readonly kind: ReportKind;
  /** "2026-10-05", "2026-W41", "2026-10", "2026-Q4" */
  readonly label: string;
  readonly from: Instant;
  readonly to: Instant;
  readonly zone: string;
  readonly previous: { readonly label: string; readonly from: Instant; readonly to: Instant };
  /** The calendar months it touches, "2026-10" …, for month-based compliance. */
  readonly months: readonly string[];
}

const FORMS: Record<ReportKind, { re: RegExp; example: string }> = {
  daily: { re: /^\d{4}-\d{2}-\d{2}$/, example: '2026-10-05' },
  weekly: { re: /^\d{4}-W\d{2}$/, example: '2026-W41' },
  monthly: { re: /^\d{4}-\d{2}$/, example: '2026-10' },
  quarterly: { re: /^\d{4}-Q[1-4]$/, example: '2026-Q4' },
};

const labelOf = (kind: ReportKind, d: DateTime): string =>
  kind === 'daily'
    ? d.toISODate()!
    : kind === 'weekly'
      ? `${d.weekYear}-W${String(d.weekNumber).padStart(2, '0')}`
      : kind === 'monthly'
        ? d.toFormat('yyyy-MM')
        : `${d.year}-Q${d.quarter}`;

const unitOf = { daily: 'day', weekly: 'week', monthly: 'month', quarterly: 'quarter' } as const;

/** Parses a report's date (a day, an ISO week, a month or a quarter) into its period. */
export function parsePeriod(kind: ReportKind, text: string, zone: string): Period {
  const form = FORMS[kind];
  let start: DateTime | undefined;
  if (form.re.test(text)) {
    if (kind === 'daily' || kind === 'monthly') start = DateTime.fromISO(text, { zone });
    else if (kind === 'weekly') start = DateTime.fromISO(`${text}-1`, { zone });
    else
      start = DateTime.fromObject(
        { year: Number(text.slice(0, 4)), month: (Number(text.slice(6)) - 1) * 3 + 1, day: 1 },
        { zone },
      );
  }
  if (!start || !start.isValid || labelOf(kind, start) !== text) {
    throw invalidInput(
      `date: "${text}" is not a ${unitOf[kind]} for a ${kind} report; write it like ${form.example}`,
      [{ path: '/date', message: `expected ${form.example}` }],
    );
  }
  const unit = unitOf[kind];
  const end = start.plus({ [unit + 's']: 1 });
  const prev = start.minus({ [unit + 's']: 1 });
  const months: string[] = [];
  for (let m = start.startOf('month'); m < end; m = m.plus({ months: 1 }))
    months.push(m.toFormat('yyyy-MM'));
  return {
    kind,
    label: text,
    from: start.toMillis(),
    to: end.toMillis(),
    zone,
    previous: { label: labelOf(kind, prev), from: prev.toMillis(), to: start.toMillis() },
    months,
  };
}

/** The period of a kind that contains an instant ("the current month"). */
export function periodContaining(kind: ReportKind, t: Instant, zone: string): Period {
  const d = DateTime.fromMillis(t, { zone }).startOf(
    unitOf[kind] === 'week' ? 'week' : unitOf[kind],
  );
  return parsePeriod(kind, labelOf(kind, d), zone);
}

/** The last complete period of a kind before an instant (yesterday, last week …): what a scheduler sends. */
export function lastCompletePeriod(kind: ReportKind, t: Instant, zone: string): Period {
  const current = periodContaining(kind, t, zone);
  return periodContaining(kind, current.from - 1, zone);
}
