import { DateTime } from 'luxon';
import { invalidInput } from '../../domain/errors.js';

/** Refuses dates that match the pattern but do not exist (2026-02-30). */
export function checkDate(text: string, path: string): void {
  if (!DateTime.fromISO(text).isValid)
    throw invalidInput(`${path.slice(1)}: "${text}" is not a calendar date`, [
      { path, message: 'not a date' },
    ]);
}

/** Today in the policy's zone, "2026-10-05": due dates are calendar dates there. */
export function todayIn(zone: string, now: number): string {
  return DateTime.fromMillis(now, { zone }).toISODate()!;
}
