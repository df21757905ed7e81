import { DateTime, IANAZone } from 'luxon';
import type { Millis } from '../domain/duration.js';
import type { Instant } from '../domain/time.js';

/**
 * Business time. Every SLA clock counts only the time its calendar is open, so these two
 * functions are the arithmetic everything else rests on. Written by hand because they
 * must be exact to the millisecond across DST changes and holidays; Luxon only converts
 * local wall times to instants.
 */
export interface BusinessCalendar {
  readonly name: string;
  /** Open time between two instants (0 when `to` <= `from`). */
  elapsed(from: Instant, to: Instant): Millis;
  /** The earliest instant at which `amount` of open time has passed since `from`. */
  add(from: Instant, amount: Millis): Instant;
}

export const ALWAYS_OPEN = '24x7';

export const alwaysOpen: BusinessCalendar = {
  name: ALWAYS_OPEN,
  elapsed: (from, to) => Math.max(0, to - from),
  add: (from, amount) => from + Math.max(0, amount),
};

/** Minutes after local midnight, [start, end), end may be 1440 (24:00). */
export type DayRanges = ReadonlyArray<readonly [number, number]>;

export interface WorkingHoursSpec {
  readonly name: string;
  readonly timezone: string;
  /** Index 1 = Monday … 7 = Sunday (ISO weekday, as Luxon numbers them). */
  readonly weekly: ReadonlyArray<DayRanges>;
  /** Local dates (YYYY-MM-DD) that are closed whatever their weekday. */
  readonly holidays: ReadonlySet<string>;
  /** Local dates worked with their own hours (a weekend made up for a holiday). */
  readonly extraWorkingDays: ReadonlyMap<string, DayRanges>;
}

// A calendar with no open time would make `add` walk forever; ten years is the search bound.
const MAX_DAYS = 3660;
const CACHE_LIMIT = 50_000;

export function workingHoursCalendar(spec: WorkingHoursSpec): BusinessCalendar {
  // Open intervals per local date, as UTC instants; many tickets share the same days.
  const cache = new Map<string, ReadonlyArray<readonly [Instant, Instant]>>();

  function openIntervals(day: DateTime): ReadonlyArray<readonly [Instant, Instant]> {
    const key = day.toISODate()!;
    const hit = cache.get(key);
    if (hit) return hit;
    const ranges = spec.holidays.has(key)
      ? []
      : (spec.extraWorkingDays.get(key) ?? spec.weekly[day.weekday] ?? []);
    const intervals = ranges.map(
      ([s, e]) => [localMinute(day, s, spec.timezone), localMinute(day, e, spec.timezone)] as const,
    );
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, intervals);
    return intervals;
  }

  function* daysFrom(t: Instant): Generator<DateTime> {
    let day = DateTime.fromMillis(t, { zone: spec.timezone }).startOf('day');
    for (let i = 0; i < MAX_DAYS; i++) {
      yield day;
      day = day.plus({ days: 1 });
    }
    throw new Error(
      `calendar "${spec.name}" has no working time in the ten years after ${new Date(t).toISOString()}`,
    );
  }

  return {
    name: spec.name,
    elapsed(from, to) {
      if (to <= from) return 0;
      let total = 0;
      for (const day of daysFrom(from)) {
        if (day.toMillis() >= to) break;
        for (const [s, e] of openIntervals(day)) {
          const a = Math.max(s, from);
          const b = Math.min(e, to);
          if (b > a) total += b - a;
        }
      }
      return total;
    },
    add(from, amount) {
      if (amount <= 0) return from;
      let left = amount;
      for (const day of daysFrom(from)) {
        for (const [s, e] of openIntervals(day)) {
          const a = Math.max(s, from);
          if (e <= a) continue;
          if (left <= e - a) return a + left;
          left -= e - a;
        }
      }
      /* c8 ignore next */
      throw new Error('unreachable');
    },
  };
}

/** The instant of a local wall time; a time skipped by a DST jump moves forward, as clocks do. */
function localMinute(day: DateTime, minute: number, zone: string): Instant {
  if (minute >= 1440) return day.plus({ days: 1 }).startOf('day').toMillis();
  return DateTime.fromObject(
    {
      year: day.year,
      month: day.month,
      day: day.day,
      hour: Math.floor(minute / 60),
      minute: minute % 60,
    },
    { zone },
  ).toMillis();
}

export const isValidTimeZone = (zone: string): boolean => IANAZone.isValidZone(zone);

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/**
 * "mon-fri", "sat", "mon,wed,fri", "mon-wed,fri" → ISO weekday numbers. Returns an error
 * message instead of throwing so the policy loader can attach a position.
 */
export function parseWeekdays(spec: string): number[] | string {
  const days = new Set<number>();
  for (const part of spec.split(',').map((p) => p.trim().toLowerCase())) {
    const [a, b] = part.split('-').map((x) => x.trim());
    const from = WEEKDAYS.indexOf(a as (typeof WEEKDAYS)[number]);
    const to = b === undefined ? from : WEEKDAYS.indexOf(b as (typeof WEEKDAYS)[number]);
    if (from < 0 || to < 0 || part.split('-').length > 2) {
      return `"${spec}" is not a weekday or range of weekdays; use mon, tue, wed, thu, fri, sat, sun, like mon-fri or sat,sun`;
    }
    if (to < from)
      return `"${part}" runs backwards; write ranges from the earlier day, like mon-fri`;
    for (let d = from; d <= to; d++) days.add(d + 1);
  }
  return [...days];
}

/** "09:00-12:00, 13:00-18:00" → minute ranges, sorted and checked for overlap; or an error message. */
export function parseHours(spec: string): DayRanges | string {
  const ranges: Array<readonly [number, number]> = [];
  for (const part of spec.split(',').map((p) => p.trim())) {
    const m = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(part);
    if (!m) return `"${part}" is not a time range; write it like 09:00-17:00`;
    const start = Number(m[1]) * 60 + Number(m[2]);
    const end = Number(m[3]) * 60 + Number(m[4]);
    if (Number(m[2]) > 59 || Number(m[4]) > 59 || start > 1440 || end > 1440)
      return `"${part}" has a time that does not exist`;
    if (end <= start)
      return `"${part}" ends before it starts; a range must end later the same day (24:00 at the latest)`;
    ranges.push([start, end]);
  }
  ranges.sort((x, y) => x[0] - y[0]);
  for (let i = 1; i < ranges.length; i++) {
    if (ranges[i]![0] < ranges[i - 1]![1]) return `"${spec}" has overlapping ranges`;
  }
  return ranges;
}

/** "2026-10-01" or "2026-10-01..2026-10-07" → every local date in it; or an error message. */
export function expandDates(spec: string): string[] | string {
  const [a, b = a] = spec.split('..');
  const from = DateTime.fromISO(a!, { zone: 'UTC' });
  const to = DateTime.fromISO(b!, { zone: 'UTC' });
  if (!from.isValid || !to.isValid) return `"${spec}" is not a real date`;
  if (to < from) return `"${spec}" ends before it starts`;
  if (to.diff(from, 'days').days > 366)
    return `"${spec}" spans more than a year; list long closures year by year`;
  const out: string[] = [];
  for (let d = from; d <= to; d = d.plus({ days: 1 })) out.push(d.toISODate()!);
  return out;
}
