import { DateTime } from 'luxon';
import type { Instant } from '../domain/time.js';
import { lastCompletePeriod, parsePeriod, type Period, type ReportKind } from './period.js';

/** When a closed period's report is due: on the first local day after it, at the schedule's time of day. */
export function dueAt(period: Pick<Period, 'to' | 'zone'>, atMinutes: number): Instant {
  // A wall-clock time (DST-safe): 08:00 local is 08:00 whatever the offset that day.
  return DateTime.fromMillis(period.to, { zone: period.zone })
    .set({ hour: Math.floor(atMinutes / 60), minute: atMinutes % 60, second: 0, millisecond: 0 })
    .toMillis();
}

/**
 * The latest period of a kind whose report is due at `now`, and when it fell due: the last
 * complete period if its time of day has come, else the one before it. Pure.
 */
export function latestDue(
  kind: ReportKind,
  atMinutes: number,
  now: Instant,
  zone: string,
): { period: Period; dueAt: Instant } {
  const last = lastCompletePeriod(kind, now, zone);
  const due = dueAt(last, atMinutes);
  if (due <= now) return { period: last, dueAt: due };
  const before = parsePeriod(kind, last.previous.label, zone);
  return { period: before, dueAt: dueAt(before, atMinutes) };
}
