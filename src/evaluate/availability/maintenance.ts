import { DateTime } from 'luxon';
import { invalidInput } from '../../domain/errors.js';
import { isValidTimeZone } from '../../policy/calendar.js';
import { type Interval, clip, normalise, union } from './intervals.js';
import { firstReach } from './local-time.js';
import type { MaintenanceWindow, RecurringWindow } from '../../policy/maintenance-window.js';

/**
 * Planned maintenance: the spans a declared window covers. Downtime inside them is planned, not
 * unplanned; an occurrence counts only if it was declared before it began.
 */

/** The spans of one window that overlap `range`, clipped to it, in order. */
export function occurrences(window: MaintenanceWindow, range: Interval): Interval[] {
  const all =
    window.kind === 'once' ? [{ from: window.from, to: window.to }] : recurring(window, range);
  const declared = window.declaredAt;
  return clip(declared === undefined ? all : all.filter((o) => o.from >= declared), range);
}

/** Every window's occurrences in `range`, merged. */
export function maintenanceIntervals(
  windows: Iterable<MaintenanceWindow>,
  range: Interval,
): Interval[] {
  return union(...[...windows].map((w) => occurrences(w, range)));
}

function recurring(w: RecurringWindow, range: Interval): Interval[] {
  if (range.to <= range.from) return [];
  if (!isValidTimeZone(w.timezone))
    throw invalidInput(`"${w.timezone}" is not a time zone; use an IANA name like Asia/Shanghai`);
  const out: Interval[] = [];
  const crossesMidnight = w.end <= w.start;
  // An occurrence may start the local day before `range` begins and run into it.
  let day = DateTime.fromMillis(range.from, { zone: w.timezone }).startOf('day').minus({ days: 1 });
  const lastDay = DateTime.fromMillis(range.to, { zone: w.timezone }).startOf('day');
  for (; day <= lastDay; day = day.plus({ days: 1 })) {
    if (!occursOn(w, day)) continue;
    const from = firstReach(day.year, day.month, day.day, w.start, w.timezone);
    if (w.until !== undefined && from >= w.until) break;
    const endDay = crossesMidnight ? day.plus({ days: 1 }) : day;
    const to = firstReach(endDay.year, endDay.month, endDay.day, w.end, w.timezone);
    out.push({ from, to });
  }
  return normalise(out);
}

function occursOn(w: RecurringWindow, day: DateTime): boolean {
  switch (w.every) {
    case 'day':
      return true;
    case 'week':
      return (w.weekdays ?? []).includes(day.weekday);
    case 'month':
      return (w.monthDays ?? []).some((d) =>
        d === 'last' ? day.day === day.daysInMonth : d === day.day,
      );
  }
}
