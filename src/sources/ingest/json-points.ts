import { DAY } from '../../domain/duration.js';
import { PointBatch, ValueKind, type IngestProblem } from './point-batch.js';
import { seriesKey, seriesOf } from './series-key-writer.js';

/**
 * Points as JSON, for people who send metrics by hand:
 *
 *   curl --data '{"points":[{"measurement":"cpu","tags":{"host":"a"},"fields":{"usage":0.5},"time":"2026-10-05T08:00:00Z"}]}' …
 *
 * The body is `{"points":[…]}`, a bare array of points, or a single point. A point has
 *   measurement  a non-empty string (required)
 *   tags         an object of non-empty strings (optional)
 *   fields       an object of numbers, booleans (1 and 0) or strings (text points), or
 *   value        one value, short for "fields":{"value":…}
 *   time         an RFC 3339 string or epoch milliseconds (optional: the receive time)
 * and each field is a point of the series `measurement,tags field`, keyed as line protocol
 * keys it. Unknown keys are refused, not ignored: a typo ("field", "timestamp") must not lose
 * data quietly.
 *
 * Problems name the JSON path, counted from 0 as jq and JavaScript count (`points[3].fields.usage`),
 * with `line` the point's 1-based position and `column` 0. A point with any problem adds
 * nothing and the others are parsed, as for line protocol; the caller decides whether to
 * refuse the body. A body that is not JSON, or none of the three shapes, adds nothing.
 */

export interface JsonPointsOptions {
  /** Receive time (ms): the time of points that carry none. */
  readonly now: number;
  /** Times later than now + this are refused. */
  readonly maxFutureMs: number;
  /** Stop collecting problems after this many. */
  readonly maxProblems?: number;
}

const POINT_KEYS = new Set(['measurement', 'tags', 'fields', 'value', 'time']);
const MAX_TAGS = 256;
/** Epoch milliseconds below this (March 1973) are almost surely seconds. */
const EARLIEST_MS = 1e11;
const EXAMPLE = '{"measurement":"cpu","fields":{"usage":0.5}}';

type Json = Record<string, unknown>;

/** Parses `body` into `batch`; returns how many points were added whole. Never throws on bad input. */
export function parseJsonPoints(
  body: Buffer | string,
  options: JsonPointsOptions,
  batch: PointBatch,
  problems: IngestProblem[],
): number {
  const maxProblems = options.maxProblems ?? 100;
  const latest = options.now + options.maxFutureMs;
  const report = (line: number, message: string, text: string): void => {
    if (problems.length < maxProblems) problems.push({ line, column: 0, message, text });
  };

  let text = typeof body === 'string' ? body : body.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte-order mark, as some Windows tools send
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    report(0, `the body is not valid JSON: ${describeSyntaxError(err, text)}`, shorten(text));
    return 0;
  }

  let points: unknown[];
  let pathOf: (i: number) => string;
  if (Array.isArray(doc)) {
    points = doc;
    pathOf = (i) => `[${i}]`;
  } else if (isObject(doc) && 'points' in doc) {
    const extra = Object.keys(doc).find((k) => k !== 'points');
    if (extra !== undefined) {
      report(0, `${pathJoin('', extra)}: unknown key; the body is {"points":[…]}`, shorten(text));
      return 0;
    }
    if (!Array.isArray(doc.points)) {
      report(0, `points: must be an array of points, like [${EXAMPLE}]`, shorten(text));
      return 0;
    }
    points = doc.points;
    pathOf = (i) => `points[${i}]`;
  } else if (isObject(doc)) {
    points = [doc];
    pathOf = () => '';
  } else {
    report(
      0,
      `the body must be {"points":[…]}, an array of points, or one point like ${EXAMPLE}`,
      shorten(text),
    );
    return 0;
  }

  let added = 0;
  for (let i = 0; i < points.length; i++) if (point(points[i], i + 1, pathOf(i))) added++;
  return added;

  function point(p: unknown, line: number, path: string): boolean {
    let bad = 0;
    let quoted: string | undefined;
    // Paths are built only for problems: `keys` lead from the point to what is wrong.
    const fail = (message: string, ...keys: string[]): void => {
      bad++;
      quoted ??= quote(p);
      report(line, `${keys.reduce(pathJoin, path) || 'the point'}: ${message}`, quoted);
    };
    if (!isObject(p)) {
      fail(`must be an object like ${EXAMPLE}`);
      return false;
    }
    for (const key of Object.keys(p)) {
      if (!POINT_KEYS.has(key))
        fail('unknown key; a point has measurement, tags, fields (or value) and time', key);
    }

    const measurement = p.measurement;
    if (measurement === undefined)
      fail('is required: a non-empty string, like "cpu"', 'measurement');
    else checkName(measurement, fail, 'measurement');

    const tags: Array<[string, string]> = [];
    if (p.tags !== undefined && p.tags !== null) {
      if (!isObject(p.tags)) fail('must be an object of strings, like {"host":"a"}', 'tags');
      else {
        for (const [k, v] of Object.entries(p.tags)) {
          if (k === '') fail('a tag name must not be empty', 'tags', k);
          else if (hasLoneSurrogate(k))
            fail('the tag name is not valid Unicode (it has an unpaired surrogate)', 'tags', k);
          else if (checkName(v, fail, 'tags', k)) tags.push([k, v]);
        }
        if (tags.length > MAX_TAGS) fail(`has more than ${MAX_TAGS} tags`, 'tags');
      }
    }

    const fields: Array<[string, number, ValueKind]> = [];
    if (p.fields !== undefined && p.value !== undefined)
      fail('give either "fields" or "value", not both');
    else if (p.value !== undefined) fieldValue(p.value, 'value');
    else if (p.fields === undefined)
      fail('is required: an object like {"usage":0.5} (or give one "value")', 'fields');
    else if (!isObject(p.fields)) fail('must be an object like {"usage":0.5}', 'fields');
    else {
      const entries = Object.entries(p.fields);
      if (entries.length === 0) fail('must have at least one field, like {"usage":0.5}', 'fields');
      for (const [name, value] of entries) {
        if (name === '') fail('a field name must not be empty', 'fields', name);
        else if (hasLoneSurrogate(name))
          fail(
            'the field name is not valid Unicode (it has an unpaired surrogate)',
            'fields',
            name,
          );
        else fieldValue(value, 'fields', name);
      }
    }

    let time = options.now;
    if (p.time !== undefined && p.time !== null) {
      const t = parseTime(p.time);
      if (typeof t === 'string') fail(t, 'time');
      else if (t > latest) {
        fail(
          `${describeTime(t)} is more than ${Math.round(options.maxFutureMs / 60000)} minutes in the future; is the clock right? (a number is epoch milliseconds)`,
          'time',
        );
      } else time = t;
    }

    if (bad > 0) return false;
    const series = seriesOf(measurement as string, tags);
    for (const [name, value, kind] of fields)
      batch.push(seriesKey(series, name), value, time, kind);
    return true;

    /** A field's value; `keys` lead to it, the last is its name. */
    function fieldValue(value: unknown, ...keys: string[]): void {
      const name = keys[keys.length - 1]!;
      if (typeof value === 'number') {
        if (Number.isFinite(value)) fields.push([name, value, ValueKind.Number]);
        else fail('must be a finite number (this one is out of range)', ...keys);
      } else if (typeof value === 'boolean') fields.push([name, value ? 1 : 0, ValueKind.Number]);
      else if (typeof value === 'string') fields.push([name, NaN, ValueKind.Text]);
      else
        fail(
          `must be a finite number, a boolean or a string, not ${value === null ? 'null' : Array.isArray(value) ? 'an array' : 'an object'}`,
          ...keys,
        );
    }
  }
}

/** A measurement name or tag value: a non-empty, well-formed string. */
function checkName(
  value: unknown,
  fail: (message: string, ...keys: string[]) => void,
  ...keys: string[]
): value is string {
  if (typeof value !== 'string') {
    const hint =
      typeof value === 'number' || typeof value === 'boolean' ? ` (write "${value}")` : '';
    fail(`must be a non-empty string${hint}`, ...keys);
    return false;
  }
  if (value === '') {
    fail('must be a non-empty string', ...keys);
    return false;
  }
  if (hasLoneSurrogate(value)) {
    fail('is not valid Unicode (it has an unpaired surrogate)', ...keys);
    return false;
  }
  return true;
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const FOUR_CENTURIES_MS = 146097 * DAY;
const TIME_HELP = 'must be an RFC 3339 time like "2026-10-05T08:00:00Z" or epoch milliseconds';

/** Epoch milliseconds (fractional below a millisecond), or what is wrong. */
function parseTime(value: unknown): number | string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return `${TIME_HELP} (this number is out of range)`;
    if (value < EARLIEST_MS)
      return `${value} is ${describeTime(value)}: a number is epoch milliseconds, so this looks like seconds (multiply by 1000), or leave time out for the receive time`;
    return value;
  }
  if (typeof value !== 'string') return TIME_HELP;
  const m = RFC3339.exec(value);
  if (!m) return `"${shorten(value)}" ${TIME_HELP}`;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  const offsetHours = m[10] === undefined ? 0 : Number(m[10]);
  const offsetMinutes = m[11] === undefined ? 0 : Number(m[11]);
  if (
    days === undefined ||
    day < 1 ||
    day > days ||
    hour > 23 ||
    minute > 59 ||
    second > 60 ||
    offsetHours > 23 ||
    offsetMinutes > 59
  ) {
    return `"${value}" is not a real date and time`;
  }
  // Date.UTC reads years below 100 as 19xx; four centuries later the calendar repeats.
  let t =
    year < 100
      ? Date.UTC(year + 400, month - 1, day, hour, minute, second) - FOUR_CENTURIES_MS
      : Date.UTC(year, month - 1, day, hour, minute, second);
  if (m[7] !== undefined) t += Number(`0${m[7]}`) * 1000;
  if (m[9] !== undefined)
    t -= (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  return t;
}

/** A time for a message; Date cannot show times beyond ±8.64e15 ms. */
const describeTime = (t: number): string =>
  Math.abs(t) <= 8.64e15 ? new Date(t).toISOString() : `${t} ms`;

function describeSyntaxError(err: unknown, text: string): string {
  const message = err instanceof Error ? err.message : String(err);
  const at = /position (\d+)/.exec(message);
  if (!at || /line \d/.test(message)) return message;
  const before = text.slice(0, Number(at[1]));
  const line = before.split('\n').length;
  return `${message} (line ${line}, column ${before.length - before.lastIndexOf('\n')})`;
}

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const pathJoin = (path: string, key: string): string =>
  IDENTIFIER.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const hasLoneSurrogate = (s: string): boolean => LONE_SURROGATE.test(s);
/** A value as JSON for a problem's text; stringify recurses, so a deep enough value has no text. */
function quote(value: unknown): string {
  try {
    return shorten(JSON.stringify(value) ?? String(value));
  } catch {
    return '(too deeply nested to show)';
  }
}

const shorten = (s: string): string => (s.length > 200 ? `${s.slice(0, 199)}…` : s);
