import { DateTime } from 'luxon';
import { isValidTimeZone } from '../calendar.js';
import type { Schedule } from '../notifications.js';
import type { Path, Report } from '../problem-report.js';
import type { NotificationsDocument } from '../schema-notifications.js';
import type { NameCheck } from './channels.js';

/** notifications.schedules: on-call turns and their overrides. */
export function compileSchedules(
  doc: NotificationsDocument | undefined,
  timezone: string,
  personKnown: NameCheck,
  problem: Report,
): Map<string, Schedule> {
  const schedules = new Map<string, Schedule>();
  for (const [name, s] of Object.entries(doc?.schedules ?? {})) {
    const path = ['notifications', 'schedules', name];
    const compiled = compileSchedule(name, s, timezone, path, personKnown, problem);
    if (compiled) schedules.set(name, compiled);
  }
  return schedules;
}

function compileSchedule(
  name: string,
  s: NonNullable<NotificationsDocument['schedules']>[string],
  timezone: string,
  path: Path,
  personKnown: NameCheck,
  problem: Report,
): Schedule | undefined {
  const zone = s.timezone ?? timezone;
  if (!isValidTimeZone(zone)) {
    problem([...path, 'timezone'], `"${zone}" is not an IANA time zone`);
    return undefined;
  }
  let ok = true;
  if (!DateTime.fromISO(s.start, { zone }).isValid) {
    problem([...path, 'start'], `"${s.start}" is not a date-time`);
    ok = false;
  }
  const m = /^(\d+)([dw])$/.exec(s.every ?? '1w')!;
  const periodDays = Number(m[1]) * (m[2] === 'w' ? 7 : 1);
  if (periodDays < 1 || periodDays > 366) {
    problem([...path, 'every'], `"${s.every}" is not a turn from 1d to 52w`);
    ok = false;
  }
  s.members.forEach((p, i) => personKnown(p, [...path, 'members', i]));
  const overrides = (s.overrides ?? []).flatMap((o, i) => {
    const at = [...path, 'overrides', i];
    const from = DateTime.fromISO(o.from, { zone });
    const to = DateTime.fromISO(o.to, { zone });
    personKnown(o.person, [...at, 'person']);
    if (!from.isValid)
      problem([...at, 'from'], `"${o.from}" is not a date-time like 2026-10-01T09:00`);
    if (!to.isValid) problem([...at, 'to'], `"${o.to}" is not a date-time like 2026-10-08T09:00`);
    if (!from.isValid || !to.isValid) return [];
    if (to <= from) {
      problem([...at, 'to'], `the override ends (${o.to}) before it starts (${o.from})`);
      return [];
    }
    return [{ from: from.toMillis(), to: to.toMillis(), person: o.person }];
  });
  return ok
    ? { name, timezone: zone, start: s.start, periodDays, members: s.members, overrides }
    : undefined;
}
