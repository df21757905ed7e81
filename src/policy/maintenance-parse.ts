import { parseInstant } from '../domain/time.js';
import { isValidTimeZone, parseWeekdays } from './calendar.js';
import type { MaintenanceWindow } from './maintenance-window.js';

/**
 * Maintenance windows as people write them (case and spacing are free):
 *
 *     every day 03:00-03:30
 *     every week on sun 02:00-03:00 in Asia/Shanghai
 *     every week on mon-fri 23:30-00:30            (ends the next day)
 *     every month on day 1 02:00-04:00 in Europe/Berlin
 *     every month on day 1,15,last 00:00-01:00     (day 31 is skipped in shorter months; use last)
 *     2026-10-10T02:00+08:00/2026-10-10T04:00+08:00   (one-off: two instants with their offsets)
 *
 * Times are local wall-clock HH:MM (24:00 allowed as an end) in the zone after `in`, or
 * `defaultZone` (the policy's). Every problem is reported, as a sentence, not just the first.
 */
export type ParsedMaintenance =
  | { readonly ok: true; readonly window: MaintenanceWindow }
  | { readonly ok: false; readonly problems: readonly string[] };

const RECURRING = /^every\s+(\S+)(?:\s+on\s+(.+?))?\s+(\S+)(?:\s+in\s+(\S+))?$/i;

export function parseMaintenance(text: string, defaultZone: string): ParsedMaintenance {
  const s = text
    .trim()
    .replace(/\s*-\s*/g, '-')
    .replace(/\s*,\s*/g, ',');
  if (/^\d{4}-/.test(s)) return parseOneOff(s);
  const m = RECURRING.exec(s);
  if (!m) {
    return fail(
      `"${text}" is not a maintenance window; write it like "every week on sun 02:00-03:00 in Asia/Shanghai" or "2026-10-10T02:00+08:00/2026-10-10T04:00+08:00"`,
    );
  }
  const [, period = '', on, hours = '', zone = defaultZone] = m;
  const problems: string[] = [];
  const every = period.toLowerCase();
  let weekdays: number[] | undefined;
  let monthDays: Array<number | 'last'> | undefined;
  if (every === 'day') {
    if (on !== undefined)
      problems.push(`"every day" takes no "on ${on}"; for some days write "every week on ${on}"`);
  } else if (every === 'week') {
    const days =
      on === undefined
        ? 'which days? write "every week on sun" or "every week on mon-fri"'
        : parseWeekdays(on);
    if (typeof days === 'string') problems.push(days);
    else weekdays = days;
  } else if (every === 'month') {
    const days = parseMonthDays(on);
    if (typeof days === 'string') problems.push(days);
    else monthDays = days;
  } else {
    problems.push(
      `"${period}" is not a period; write "every day", "every week on …" or "every month on day …"`,
    );
  }
  const range = parseRange(hours);
  if (typeof range === 'string') problems.push(range);
  if (!isValidTimeZone(zone))
    problems.push(
      `"${zone}" is not a time zone; use an IANA name like Asia/Shanghai or Europe/Berlin`,
    );
  if (problems.length > 0 || typeof range === 'string') return { ok: false, problems };
  return {
    ok: true,
    window: {
      kind: 'recurring',
      every: every as 'day' | 'week' | 'month',
      ...(weekdays ? { weekdays } : {}),
      ...(monthDays ? { monthDays } : {}),
      start: range[0],
      end: range[1],
      timezone: zone,
    },
  };
}

function parseOneOff(s: string): ParsedMaintenance {
  const [a = '', b, ...rest] = s.split('/');
  const from = parseInstant(a);
  const to = b === undefined ? undefined : parseInstant(b);
  const problems: string[] = [];
  if (b === undefined || rest.length > 0)
    return fail(
      `"${s}" is not a one-off window; write two instants with their offsets, like 2026-10-10T02:00+08:00/2026-10-10T04:00+08:00`,
    );
  if (from === undefined)
    problems.push(`"${a}" is not a date and time with an offset, like 2026-10-10T02:00+08:00`);
  if (to === undefined)
    problems.push(`"${b}" is not a date and time with an offset, like 2026-10-10T04:00+08:00`);
  if (from !== undefined && to !== undefined && to <= from)
    problems.push(`"${s}" ends before it starts`);
  if (problems.length > 0 || from === undefined || to === undefined) return { ok: false, problems };
  return { ok: true, window: { kind: 'once', from, to } };
}

/** "02:00-03:00" → [120, 180]; an end at or before the start means the next day. */
function parseRange(spec: string): readonly [number, number] | string {
  const m = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(spec);
  if (!m) return `"${spec}" is not a time range; write it like 02:00-03:00`;
  const [h1, m1, h2, m2] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
  const start = h1 * 60 + m1;
  const end = h2 * 60 + m2;
  if (h1 > 23 || m1 > 59 || m2 > 59 || end > 1440)
    return `"${spec}" has a time that does not exist (00:00 to 23:59, or 24:00 as an end)`;
  if (start === end) return `"${spec}" is empty; a window must end at another time than it starts`;
  return [start, end];
}

/** "day 1", "day 1,15", "day last" → the days; or an error message. */
function parseMonthDays(on: string | undefined): Array<number | 'last'> | string {
  const m = on === undefined ? null : /^days?\s+(.+)$/i.exec(on);
  if (!m)
    return 'which days of the month? write "every month on day 1" or "every month on day 1,15,last"';
  const out: Array<number | 'last'> = [];
  for (const part of m[1]!.split(',')) {
    const p = part.trim().toLowerCase();
    if (p === 'last') out.push('last');
    else if (/^\d{1,2}$/.test(p) && Number(p) >= 1 && Number(p) <= 31) out.push(Number(p));
    else return `"${part}" is not a day of the month; use 1 to 31 or last`;
  }
  return out;
}

const fail = (problem: string): ParsedMaintenance => ({ ok: false, problems: [problem] });
