import { DateTime } from 'luxon';
import { parseInstant, type Instant } from '../domain/time.js';

/**
 * From when a policy's terms apply: a date (its midnight in the policy's zone), a wall time in
 * the zone (2026-11-01T09:00), or a date-time with an offset (2026-11-01T01:00:00Z); undefined
 * when the text is none of these or names a day that does not exist.
 */
export function parseEffectiveFrom(text: string, zone: string): Instant | undefined {
  if (
    /^\d{4}-\d{2}-\d{2}$/.test(text) ||
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(text)
  ) {
    const d = DateTime.fromISO(text, { zone });
    return d.isValid ? d.toMillis() : undefined;
  }
  return parseInstant(text);
}
