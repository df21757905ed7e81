/**
 * Expected HTTP statuses as people write them: 200, [200, 204], "2xx", "200-299", mixed in a list.
 * Compiled to inclusive ranges once, so a check is a couple of comparisons.
 */

export type StatusRange = readonly [low: number, high: number];

export const DEFAULT_EXPECT_STATUS: readonly StatusRange[] = [[200, 299]];

const CLASS = /^([1-5])xx$/i;
const RANGE = /^(\d{3})\s*-\s*(\d{3})$/;
const SINGLE = /^\d{3}$/;

/** One item: a number or a string; undefined when it is not a status, a class or a range. */
export function parseStatusItem(item: number | string): StatusRange | undefined {
  if (typeof item === 'number')
    return Number.isInteger(item) && item >= 100 && item <= 599 ? [item, item] : undefined;
  const s = item.trim();
  const cls = CLASS.exec(s);
  if (cls) return [Number(cls[1]) * 100, Number(cls[1]) * 100 + 99];
  if (SINGLE.test(s)) return parseStatusItem(Number(s));
  const range = RANGE.exec(s);
  if (range) {
    const low = Number(range[1]);
    const high = Number(range[2]);
    return low >= 100 && high <= 599 && low <= high ? [low, high] : undefined;
  }
  return undefined;
}

export function statusMatches(status: number, ranges: readonly StatusRange[]): boolean {
  for (const [low, high] of ranges) if (status >= low && status <= high) return true;
  return false;
}

/** "200", "2xx", "200-204", joined with "or": for messages. */
export function describeStatuses(ranges: readonly StatusRange[]): string {
  const parts = ranges.map(([low, high]) => {
    if (low === high) return String(low);
    if (low % 100 === 0 && high === low + 99) return `${low / 100}xx`;
    return `${low}-${high}`;
  });
  return parts.length <= 1
    ? (parts[0] ?? '')
    : `${parts.slice(0, -1).join(', ')} or ${parts.at(-1)}`;
}
