/** Instants are epoch milliseconds (UTC). One representation end to end keeps clock arithmetic exact. */
export type Instant = number;

/** Where "now" comes from. Production reads the system clock; tests hold a hand they can move. */
export interface TimeSource {
  now(): Instant;
}

export const toIso = (t: Instant): string => new Date(t).toISOString();

/** Parses an RFC 3339 / ISO 8601 date-time with an explicit offset; undefined when it is not one. */
export function parseInstant(text: string): Instant | undefined {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:(\d{2})(\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/i.exec(
      text,
    );
  if (!m) return undefined;
  // Date.parse rolls 2026-02-30 over into March; a date that does not exist is refused instead.
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[7] ?? '0'].map(
    Number,
  ) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  )
    return undefined;
  if (m[10] !== undefined && (Number(m[10]) > 23 || Number(m[11]) > 59)) return undefined;
  const t = Date.parse(text);
  return Number.isFinite(t) ? t : undefined;
}
