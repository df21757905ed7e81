/** Instants are epoch milliseconds (UTC). One representation end to end keeps clock arithmetic exact. */
export type Instant = number;

/** Where "now" comes from. Production reads the system clock; tests hold a hand they can move. */
export interface TimeSource {
  now(): Instant;
}

export const toIso = (t: Instant): string => new Date(t).toISOString();

/** Parses an RFC 3339 / ISO 8601 date-time with an explicit offset; undefined when it is not one. */
export function parseInstant(text: string): Instant | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i.test(text)) return undefined;
  const t = Date.parse(text);
  return Number.isFinite(t) ? t : undefined;
}
