import { invalidInput } from './errors.js';

/** Durations are plain milliseconds inside the product; people write them as "15m", "1h30m", "3d". */
export type Millis = number;

export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

const UNITS: Record<string, number> = { ms: 1, s: SECOND, m: MINUTE, h: HOUR, d: DAY, w: WEEK };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/y;

/** Parses "15m", "2h", "1h30m", "1.5h", "72h", "3d"; returns undefined when it is not a duration. */
export function parseDuration(text: string): Millis | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < s.length) {
    const start = PART.lastIndex;
    const m = PART.exec(s);
    if (!m || m.index !== start) return undefined;
    total += Number(m[1]) * UNITS[m[2]!]!;
  }
  return Math.round(total);
}

export function requireDuration(text: string, where: string): Millis {
  const ms = parseDuration(text);
  if (ms === undefined) {
    throw invalidInput(`${where}: "${text}" is not a duration; write it like 15m, 2h, 1h30m or 3d`);
  }
  return ms;
}

/** "2h 15m", "45s", "3d 4h": the largest two units, for people. Negative durations get a minus sign. */
export function formatDuration(ms: Millis): string {
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (ms < SECOND) return `${Math.round(ms)}ms`;
  const parts: string[] = [];
  let rest = Math.floor(ms / SECOND) * SECOND;
  for (const [unit, size] of [
    ['d', DAY],
    ['h', HOUR],
    ['m', MINUTE],
    ['s', SECOND],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.slice(0, 2).join(' ');
}
