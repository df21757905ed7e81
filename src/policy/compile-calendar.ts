import {
  expandDates,
  isValidTimeZone,
  parseHours,
  parseWeekdays,
  workingHoursCalendar,
  type BusinessCalendar,
  type DayRanges,
} from './calendar.js';
import type { Path, Report } from './problem-report.js';
import type { CalendarDocument } from './schema.js';

export function compileCalendar(
  name: string,
  cal: CalendarDocument,
  path: Path,
  problem: Report,
): BusinessCalendar | undefined {
  let ok = true;
  const fail: Report = (p, m, k) => {
    ok = false;
    problem(p, m, k);
  };
  if (!isValidTimeZone(cal.timezone))
    fail(
      [...path, 'timezone'],
      `"${cal.timezone}" is not an IANA time zone (like Asia/Shanghai or Europe/Berlin)`,
    );
  const weekly: DayRanges[] = [[], [], [], [], [], [], [], []];
  const claimedBy = new Map<number, string>();
  for (const [days, hours] of Object.entries(cal.hours)) {
    const weekdays = parseWeekdays(days);
    if (typeof weekdays === 'string') {
      fail([...path, 'hours', days], weekdays, true);
      continue;
    }
    const ranges = parseHours(hours);
    if (typeof ranges === 'string') {
      fail([...path, 'hours', days], ranges);
      continue;
    }
    for (const d of weekdays) {
      if (claimedBy.has(d))
        fail(
          [...path, 'hours', days],
          `"${days}" gives hours to a weekday that "${claimedBy.get(d)}" already covers`,
          true,
        );
      claimedBy.set(d, days);
      weekly[d] = ranges;
    }
  }
  const holidays = new Set<string>();
  (cal.holidays ?? []).forEach((h, i) => {
    const spec = typeof h === 'string' ? h : h.date;
    const dates = expandDates(spec);
    if (typeof dates === 'string') fail([...path, 'holidays', i], dates);
    else dates.forEach((d) => holidays.add(d));
  });
  const extra = new Map<string, DayRanges>();
  (cal.extraWorkingDays ?? []).forEach((x, i) => {
    const dates = expandDates(x.date);
    const ranges = parseHours(x.hours);
    if (typeof dates === 'string') fail([...path, 'extraWorkingDays', i, 'date'], dates);
    if (typeof ranges === 'string') fail([...path, 'extraWorkingDays', i, 'hours'], ranges);
    if (typeof dates !== 'string' && typeof ranges !== 'string')
      dates.forEach((d) => extra.set(d, ranges));
  });
  if (ok && weekly.every((r) => r.length === 0) && extra.size === 0) {
    fail(
      [...path, 'hours'],
      `calendar "${name}" is never open; give at least one weekday its hours`,
    );
  }
  if (!ok) return undefined;
  return workingHoursCalendar({
    name,
    timezone: cal.timezone,
    weekly,
    holidays,
    extraWorkingDays: extra,
  });
}
