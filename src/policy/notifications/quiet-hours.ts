import { isValidTimeZone, parseWeekdays } from '../calendar.js';
import type { QuietHours } from '../notifications.js';
import type { Report } from '../problem-report.js';
import type { NotificationsDocument } from '../schema-notifications.js';

/** notifications.quietHours: local periods in which only the severities excepted page. */
export function compileQuietHours(
  doc: NotificationsDocument | undefined,
  timezone: string,
  problem: Report,
): Map<string, QuietHours> {
  const quietHours = new Map<string, QuietHours>();
  for (const [name, q] of Object.entries(doc?.quietHours ?? {})) {
    const path = ['notifications', 'quietHours', name];
    const zone = q.timezone ?? timezone;
    if (!isValidTimeZone(zone))
      problem([...path, 'timezone'], `"${zone}" is not an IANA time zone`);
    const m = /^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/.exec(q.hours)!;
    const start = Number(m[1]) * 60 + Number(m[2]);
    const end = Number(m[3]) * 60 + Number(m[4]);
    if (start >= 1440 || end > 1440 || Number(m[2]) > 59 || Number(m[4]) > 59 || start === end) {
      problem([...path, 'hours'], `"${q.hours}" is not a quiet period; write it like 22:00-08:00`);
      continue;
    }
    const days = q.days === undefined ? [1, 2, 3, 4, 5, 6, 7] : parseWeekdays(q.days);
    if (typeof days === 'string') {
      problem([...path, 'days'], days);
      continue;
    }
    quietHours.set(name, {
      name,
      timezone: zone,
      start,
      end,
      days,
      exceptSeverities: q.exceptSeverities ?? [],
    });
  }
  return quietHours;
}
