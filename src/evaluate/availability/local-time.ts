import { IANAZone } from 'luxon';
import type { Instant } from '../../domain/time.js';
import { DAY, MINUTE } from '../../domain/duration.js';

/**
 * The moment the local clock of `zone` first reads `minuteOfDay` (or later) on a local date.
 *
 * Unlike Luxon's own conversion (which moves a skipped time forward by the size of the jump and
 * picks one of two repeated times by its own rule), this is what a person watching the wall clock
 * sees: a skipped time (02:30 on the spring-forward night) is reached when the clock jumps past
 * it (03:00), and a repeated time (02:30 on the fall-back night) is reached the first time round.
 * A maintenance window "02:00-03:00" is thus empty on the spring-forward night and two real hours
 * long on the fall-back night, which is when the wall clock reads between 02:00 and 03:00.
 * `minuteOfDay` may be 1440 (midnight ending the day).
 */
export function firstReach(
  year: number,
  month: number,
  day: number,
  minuteOfDay: number,
  zone: string,
): Instant {
  const z = IANAZone.create(zone);
  const wall = Date.UTC(year, month - 1, day) + minuteOfDay * MINUTE; // the wall time, read as if UTC
  const offsetAt = (t: Instant) => z.offset(t) * MINUTE;
  const offsets = new Set([offsetAt(wall - DAY), offsetAt(wall), offsetAt(wall + DAY)]);
  const hits = [...offsets].map((o) => wall - o).filter((t) => offsetAt(t) === wall - t);
  if (hits.length > 0) return Math.min(...hits);
  // Skipped by a jump forward: find the jump, the first instant whose wall time is past `wall`.
  let lo = wall - Math.max(...offsets); // its wall time is before `wall`
  let hi = wall - Math.min(...offsets); // its wall time is after `wall`
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (mid + offsetAt(mid) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}
