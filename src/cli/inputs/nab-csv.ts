/**
 * The NAB data format (Numenta Anomaly Benchmark): CSV with a `timestamp,value` header, one point a
 * line, timestamps like `2014-04-01 00:00:00` meaning UTC (ISO 8601 with `T`, `Z` or an offset is
 * accepted too). Output adds an `anomaly_score` column: `timestamp,value,anomaly_score`.
 */

export const NAB_OUTPUT_HEADER = 'timestamp,value,anomaly_score';

export interface NabColumns {
  readonly timestamp: number;
  readonly value: number;
  readonly count: number;
}

export interface NabRow {
  /** The fields as written, echoed to the output unchanged. */
  readonly timestampText: string;
  readonly valueText: string;
  readonly timestampMs: number;
  readonly value: number;
}

/** The column positions named by the header line, or a message saying what is missing. */
export function parseNabHeader(line: string): NabColumns | string {
  const names = splitFields(stripBom(line)).map((h) => h.trim().toLowerCase());
  const timestamp = names.indexOf('timestamp');
  const value = names.indexOf('value');
  if (timestamp < 0 || value < 0)
    return `the header must name the columns timestamp and value (it is: ${line.slice(0, 80)})`;
  return { timestamp, value, count: names.length };
}

/** One data line, or a message saying what is wrong with it. */
export function parseNabRow(line: string, cols: NabColumns): NabRow | string {
  const fields = splitFields(line);
  if (fields.length < cols.count)
    return `expected ${cols.count} fields, found ${fields.length} (line is: ${line.slice(0, 80)})`;
  const timestampText = fields[cols.timestamp]!.trim();
  const valueText = fields[cols.value]!.trim();
  const timestampMs = parseNabTimestamp(timestampText);
  if (Number.isNaN(timestampMs))
    return `unreadable timestamp "${timestampText.slice(0, 40)}" (expected YYYY-MM-DD HH:MM:SS)`;
  const value = valueText === '' ? Number.NaN : Number(valueText);
  if (!Number.isFinite(value)) return `value "${valueText.slice(0, 40)}" is not a number`;
  return { timestampText, valueText, timestampMs, value };
}

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/** Milliseconds since the epoch; a timestamp without a zone is UTC. NaN if unreadable. */
export function parseNabTimestamp(text: string): number {
  const m = TIMESTAMP.exec(text);
  if (!m) return Number.NaN;
  const [month, day, hour, minute, second] = [
    +m[2]!,
    +m[3]!,
    +(m[4] ?? 0),
    +(m[5] ?? 0),
    +(m[6] ?? 0),
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
    return Number.NaN;
  let ms =
    Date.UTC(+m[1]!, month - 1, day, hour, minute, second) +
    (m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0);
  const zone = m[8];
  if (zone && zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    ms -=
      (zone[0] === '-' ? -1 : 1) *
      (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) *
      60_000;
  }
  return ms;
}

/** Splits on commas; a field may be wrapped in double quotes (no commas inside, as in NAB). */
function splitFields(line: string): string[] {
  const fields = line.split(',');
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!.trim();
    if (f.length >= 2 && f.startsWith('"') && f.endsWith('"')) fields[i] = f.slice(1, -1);
  }
  return fields;
}

function stripBom(line: string): string {
  return line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
}
