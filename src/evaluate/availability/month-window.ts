import { DateTime } from 'luxon';
import { invalidInput } from '../../domain/errors.js';
import { isValidTimeZone } from '../../policy/calendar.js';
import type { Interval } from './intervals.js';

/** A calendar month ("2026-10") as the span from its first local midnight to the next month's, in `zone`. */
export function monthWindow(month: string, zone: string): Interval {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12)
    throw invalidInput(`"${month}" is not a month; write it like 2026-10`);
  if (!isValidTimeZone(zone))
    throw invalidInput(`"${zone}" is not a time zone; use an IANA name like Asia/Shanghai`);
  const start = DateTime.fromObject({ year: Number(m[1]), month: Number(m[2]), day: 1 }, { zone });
  return { from: start.toMillis(), to: start.plus({ months: 1 }).toMillis() };
}
