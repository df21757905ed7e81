import { DateTime } from 'luxon';
import { invalidInput } from '../../domain/errors.js';
import { parseInstant, type Instant } from '../../domain/time.js';

export interface Window {
  readonly from: Instant;
  readonly to: Instant;
  /** "2026-10" or "2026-10-01..2026-10-15", for people. */
  readonly label: string;
}

/** A calendar month in the policy's time zone: [first day 00:00, next month's first day 00:00). */
export function monthWindow(month: string, zone: string): Window {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const start = m
    ? DateTime.fromObject({ year: Number(m[1]), month: Number(m[2]), day: 1 }, { zone })
    : undefined;
  if (!start || !start.isValid)
    throw invalidInput(`month: "${month}" is not a month; write it like 2026-10`, [
      { path: '/month', message: 'expected YYYY-MM' },
    ]);
  return { from: start.toMillis(), to: start.plus({ months: 1 }).toMillis(), label: month };
}

/**
 * Any range: dates (whole days in the policy's zone, `to` inclusive) or date-times
 * (exact, `to` exclusive).
 */
export function rangeWindow(from: string, to: string, zone: string): Window {
  const start = boundary(from, zone, 'from', false);
  const end = boundary(to, zone, 'to', true);
  if (end <= start)
    throw invalidInput(`to: the range ends (${to}) before it starts (${from})`, [
      { path: '/to', message: 'before from' },
    ]);
  return { from: start, to: end, label: `${from}..${to}` };
}

function boundary(text: string, zone: string, field: string, endOfDay: boolean): Instant {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const d = DateTime.fromISO(text, { zone });
    if (d.isValid) return (endOfDay ? d.plus({ days: 1 }) : d).toMillis();
  }
  const t = parseInstant(text);
  if (t === undefined)
    throw invalidInput(
      `${field}: "${text}" is neither a date (2026-10-01) nor a date-time with a zone (2026-10-01T00:00:00Z)`,
      [{ path: `/${field}`, message: 'not a date' }],
    );
  return t;
}

/** The month containing an instant, in a zone: "2026-10". */
export function monthOf(t: Instant, zone: string): string {
  return DateTime.fromMillis(t, { zone }).toFormat('yyyy-MM');
}
