import { invalidInput } from '../../domain/errors.js';
import { parseInstant, toIso, type Instant } from '../../domain/time.js';

/**
 * An explicit past timestamp (imported history) or now. The future is refused: a clock
 * cannot be judged on something that has not happened yet.
 */
export function pastOrNow(text: string | undefined, now: Instant, field: string): Instant {
  if (text === undefined) return now;
  const t = parseInstant(text);
  if (t === undefined) {
    throw invalidInput(
      `${field}: "${text}" is not a date-time with a time zone, like 2026-10-05T09:30:00Z`,
      [{ path: `/${field}`, message: 'not an RFC 3339 date-time' }],
    );
  }
  if (t > now) {
    throw invalidInput(
      `${field}: ${text} is in the future (it is now ${toIso(now)}); record events when they have happened`,
      [{ path: `/${field}`, message: 'in the future' }],
    );
  }
  return t;
}
