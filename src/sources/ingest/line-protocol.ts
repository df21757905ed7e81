import { PointBatch, ValueKind, type IngestProblem } from './point-batch.js';

/**
 * The InfluxDB line protocol, parsed byte by byte:
 *
 *   measurement[,tag=value…] field=value[,field=value…] [timestamp]
 *
 * Hand-written because it is the hot path of the million-points-a-second promise: it reads
 * the request bytes once, makes one string per series key, and no other object per point.
 * Series are identified by their measurement and tags sorted by key, so `cpu,b=1,a=2` and
 * `cpu,a=2,b=1` are one series, and each field of a line is one point of its own series.
 *
 * Kept whole: the parser is one closure whose state (position, tag scratch, the last
 * timestamp) stays in local variables V8 keeps in registers; split across modules it is slower.
 */

export type Precision = 'ns' | 'us' | 'ms' | 's' | 'm' | 'h';

/** Milliseconds per timestamp unit. */
export const PRECISION_MS: Readonly<Record<Precision, number>> = {
  ns: 1e-6,
  us: 1e-3,
  ms: 1,
  s: 1e3,
  m: 6e4,
  h: 3.6e6,
};

export interface LineProtocolOptions {
  readonly precision: Precision;
  /** Receive time (ms): the timestamp of lines that carry none. */
  readonly now: number;
  /** Timestamps later than now + this are refused (a clock gone wrong, or the wrong precision). */
  readonly maxFutureMs: number;
  /** Stop collecting problems after this many (the body is refused anyway). */
  readonly maxProblems?: number;
  /** Measurement-and-tags parts seen (and found valid) before: lines naming one skip its checks. */
  readonly knownParts?: KnownParts | undefined;
}

/**
 * Parts (measurement and sorted tags, as bytes) accepted before, by id. Declared here, by
 * its user; the series index implements it. A line whose part is known needs neither its
 * tags scanned nor its sort order checked: the same bytes were checked when first seen
 * (measured: the tag scan was 40 % of parsing a Telegraf line).
 */
export interface KnownParts {
  /** The id of the part `src[s, e)`, or -1; `guess` is an id to try first (the part after the last line's). */
  findPart(src: DataView, s: number, e: number, guess?: number): number;
}

const NL = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const COMMA = 44;
const EQUALS = 61;
const BACKSLASH = 92;
const QUOTE = 34;
const HASH = 35;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

// Bytes that end or escape a name, by what they end: one table read per byte instead of a
// chain of comparisons (the scanning loops are most of parsing).
const ENDS_MEASUREMENT = 1; // , and space
const ENDS_KEY = 2; // = , and space
const ENDS_TAG_VALUE = 4; // , space and = (an error there)
const ESCAPES = 8; // backslash
const CLASS = new Uint8Array(256);
CLASS[COMMA] = ENDS_MEASUREMENT | ENDS_KEY | ENDS_TAG_VALUE;
CLASS[SPACE] = ENDS_MEASUREMENT | ENDS_KEY | ENDS_TAG_VALUE;
CLASS[EQUALS] = ENDS_KEY | ENDS_TAG_VALUE;
CLASS[BACKSLASH] = ESCAPES;
const MAX_TAGS = 256;

class LineError extends Error {
  constructor(
    readonly at: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Parses `body` into `batch`. Lines with a problem add nothing and are reported in
 * `problems` (up to maxProblems); the others are parsed in full either way, so the
 * caller decides whether a partly bad body is refused whole or written in part.
 * Returns the number of lines that held points.
 */
export function parseLineProtocol(
  body: Buffer,
  options: LineProtocolOptions,
  batch: PointBatch,
  problems: IngestProblem[],
): number {
  const scale = PRECISION_MS[options.precision];
  const latest = options.now + options.maxFutureMs;
  const maxProblems = options.maxProblems ?? 100;
  // Tag positions of the current line: key start, key end, value end (value starts at key end + 1).
  const tags = new Int32Array(MAX_TAGS * 3);
  const end = body.length;
  batch.source = body;
  const known = options.knownParts;
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  // The last timestamp parsed (its place and value): agents stamp a whole batch with one time,
  // and comparing its bytes is cheaper than parsing 19 digits again (a fifth of a line, measured).
  let lastStampAt = -1;
  let lastStampLength = 0;
  let lastStamp = NaN;
  // Without a backslash in the body, a line's part ends at its first space, which the native
  // indexOf finds five times faster than a loop (measured).
  const escapes = known !== undefined && body.indexOf(BACKSLASH) >= 0;
  let lastKnown = -1;
  let lines = 0;
  let lineNo = 0;
  let pos = 0;

  while (pos < end) {
    lineNo++;
    let eol = body.indexOf(NL, pos);
    if (eol < 0) eol = end;
    const next = eol + 1;
    let stop = eol;
    if (stop > pos && body[stop - 1] === CR) stop--;
    let start = pos;
    while (start < stop && (body[start] === SPACE || body[start] === TAB)) start++;
    if (start === stop || body[start] === HASH) {
      pos = next;
      continue;
    }
    const mark = batch.count;
    const partMark = batch.partCount;
    try {
      parseLine(body, start, stop);
      lines++;
    } catch (err) {
      batch.truncate(mark, partMark);
      if (!(err instanceof LineError)) throw err;
      if (problems.length < maxProblems) {
        const text = body.toString('utf8', start, Math.min(stop, start + 200));
        problems.push({ line: lineNo, column: err.at - pos + 1, message: err.message, text });
      }
    }
    pos = next;
  }
  return lines;

  function parseLine(b: Buffer, start: number, stop: number): void {
    let i = start;
    let part = -1;
    let series: string | undefined;
    if (known) {
      // The part ends at the first unescaped space; if these bytes were accepted before, take them as they are.
      let e = start;
      if (escapes) {
        while (e < stop) {
          const c = b[e]!;
          if (c === SPACE) break;
          e += c === BACKSLASH ? 2 : 1;
        }
      } else {
        e = b.indexOf(SPACE, start);
        if (e < 0 || e > stop) e = stop;
      }
      const id = e < stop && e > start ? known.findPart(view, start, e, lastKnown + 1) : -1;
      if (id >= 0) {
        lastKnown = id;
        part = batch.addPart(start, e, id);
        i = e;
      }
    }
    if (part < 0) [part, series, i] = parsePart(b, start, stop);
    parseFields(b, stop, i, part, series);
  }

  /** Measurement and tags: the part of the line that names its series. */
  function parsePart(
    b: Buffer,
    start: number,
    stop: number,
  ): [part: number, series: string | undefined, end: number] {
    // Measurement: up to an unescaped comma or space.
    let i = start;
    while (i < stop) {
      const k = CLASS[b[i]!]!;
      if (k & ENDS_MEASUREMENT) break;
      i += k & ESCAPES ? 2 : 1; // "=" may stand in a measurement name
    }
    if (i === start) throw new LineError(start, 'the line has no measurement name');
    if (i >= stop)
      throw new LineError(stop, 'the line has no fields; write at least one, like value=1');
    const measurementEnd = i;

    // Tags: ,key=value… each up to an unescaped comma or space.
    let tagCount = 0;
    let sorted = true;
    while (b[i] === COMMA) {
      const ks = ++i;
      while (i < stop) {
        const k = CLASS[b[i]!]!;
        if (k === 0) i++;
        else if (k & ESCAPES) i += 2;
        else break; // = , or space
      }
      if (b[i] !== EQUALS || i >= stop)
        throw new LineError(
          i,
          `the tag "${b.toString('utf8', ks, Math.min(i, stop))}" has no value; write tags as key=value`,
        );
      if (i === ks) throw new LineError(i, 'a tag has an empty key');
      const ke = i++;
      const vs = i;
      while (i < stop) {
        const k = CLASS[b[i]!]!;
        if (k === 0) i++;
        else if (k & ESCAPES) i += 2;
        else if (b[i] === EQUALS)
          throw new LineError(
            i,
            `the value of tag "${b.toString('utf8', ks, ke)}" contains an unescaped "="`,
          );
        else break; // , or space
      }
      if (i === vs)
        throw new LineError(i, `the tag "${b.toString('utf8', ks, ke)}" has an empty value`);
      if (tagCount === MAX_TAGS) throw new LineError(ks, `the line has more than ${MAX_TAGS} tags`);
      const t = tagCount * 3;
      tags[t] = ks;
      tags[t + 1] = ke;
      tags[t + 2] = i;
      if (tagCount > 0 && compareBytes(b, tags[t - 3]!, tags[t - 2]!, ks, ke) >= 0) sorted = false;
      tagCount++;
    }
    if (i >= stop)
      throw new LineError(stop, 'the line has no fields; write at least one, like value=1');
    const seriesEnd = i;
    // Sorted tags (what Telegraf sends): the key is the bytes as they stand, hashed here and
    // looked up from the body; otherwise a canonical string with the tags sorted.
    const series = sorted ? undefined : canonicalSeries(b, start, measurementEnd, tags, tagCount);
    return [sorted ? batch.addPart(start, seriesEnd) : -1, series, i];
  }

  /** Fields and the timestamp, from `i` (just after the part). */
  function parseFields(
    b: Buffer,
    stop: number,
    i: number,
    part: number,
    series: string | undefined,
  ): void {
    while (i < stop && b[i] === SPACE) i++;

    // Fields: key=value,… up to an unescaped space (or the end).
    let time: number;
    const fieldsStart = batch.count;
    for (;;) {
      const ks = i;
      while (i < stop) {
        const k = CLASS[b[i]!]!;
        if (k === 0) i++;
        else if (k & ESCAPES) i += 2;
        else break; // = , or space
      }
      if (i === ks)
        throw new LineError(
          i,
          i >= stop
            ? 'the line has no fields; write at least one, like value=1'
            : 'a field has an empty name',
        );
      if (b[i] !== EQUALS || i >= stop)
        throw new LineError(
          i,
          `the field "${b.toString('utf8', ks, Math.min(i, stop))}" has no value; write fields as name=value`,
        );
      const ke = i++;
      let value: number;
      let kind: ValueKind;
      if (b[i] === QUOTE) {
        i++;
        while (i < stop && b[i] !== QUOTE) i += b[i] === BACKSLASH ? 2 : 1;
        if (i >= stop)
          throw new LineError(
            stop,
            `the string value of field "${b.toString('utf8', ks, ke)}" has no closing quote`,
          );
        i++;
        value = NaN;
        kind = ValueKind.Text;
      } else {
        const vs = i;
        while (i < stop && b[i] !== COMMA && b[i] !== SPACE) i++;
        value = parseFieldValue(b, vs, i, ks, ke);
        kind = ValueKind.Number;
      }
      if (series === undefined) {
        batch.pushField(part, ks, ke, value, kind);
      } else {
        batch.push(`${series} ${latin1(b, ks, ke)}`, value, NaN, kind);
      }
      if (i >= stop || b[i] === SPACE) break;
      i++; // the comma before the next field
    }

    // Timestamp: optional integer, in the request's precision.
    while (i < stop && b[i] === SPACE) i++;
    if (
      i < stop &&
      stop - i === lastStampLength &&
      sameBytes(view, i, lastStampAt, lastStampLength)
    ) {
      time = lastStamp;
    } else if (i < stop) {
      const ts = i;
      let neg = false;
      if (b[i] === MINUS) {
        neg = true;
        i++;
      }
      let n = 0;
      const ds = i;
      while (i < stop && b[i]! >= 48 && b[i]! <= 57) n = n * 10 + (b[i++]! - 48);
      const glued = i < stop && b[i] !== SPACE && b[i] !== TAB;
      if (i === ds || i - ds > 19 || glued)
        throw new LineError(
          ts,
          `"${b.toString('utf8', ts, stop).trim().split(/\s/)[0]}" is not a timestamp; it must be a whole number in the request's precision`,
        );
      while (i < stop && (b[i] === SPACE || b[i] === TAB)) i++;
      if (i < stop)
        throw new LineError(
          i,
          `unexpected text after the timestamp: "${b.toString('utf8', i, Math.min(stop, i + 40))}"`,
        );
      time = (neg ? -n : n) * scale;
      if (time > latest) {
        throw new LineError(
          ts,
          `the timestamp ${b.toString('utf8', ts, ds + (i - ds))} is ${new Date(time).toISOString()}, more than ${Math.round(options.maxFutureMs / 60000)} minutes in the future; is the precision (${options.precision}) right?`,
        );
      }
      if (i === stop) {
        lastStampAt = ts;
        lastStampLength = stop - ts;
        lastStamp = time;
      }
    } else {
      time = options.now;
    }
    for (let p = fieldsStart; p < batch.count; p++) batch.times[p] = time;
  }
}

/**
 * The series key with its tags sorted by key (bytewise), for lines that did not sort them
 * (Telegraf does; hand-written lines often do not). A tag key given twice is an error.
 */
function canonicalSeries(
  b: Buffer,
  start: number,
  measurementEnd: number,
  tags: Int32Array,
  tagCount: number,
): string {
  const order = Array.from({ length: tagCount }, (_, k) => k * 3);
  order.sort((x, y) => compareBytes(b, tags[x]!, tags[x + 1]!, tags[y]!, tags[y + 1]!));
  let key = latin1(b, start, measurementEnd);
  for (let k = 0; k < order.length; k++) {
    const t = order[k]!;
    if (
      k > 0 &&
      compareBytes(b, tags[order[k - 1]!]!, tags[order[k - 1]! + 1]!, tags[t]!, tags[t + 1]!) === 0
    ) {
      throw new LineError(
        tags[t]!,
        `the tag "${b.toString('utf8', tags[t]!, tags[t + 1]!)}" appears twice`,
      );
    }
    key += `,${latin1(b, tags[t]!, tags[t + 2]!)}`;
  }
  return key;
}

/** Whether `v[a, a + n)` and `v[b, b + n)` hold the same bytes (four at a time). */
function sameBytes(v: DataView, a: number, b: number, n: number): boolean {
  let k = 0;
  for (; k + 4 <= n; k += 4) if (v.getUint32(a + k) !== v.getUint32(b + k)) return false;
  for (; k < n; k++) if (v.getUint8(a + k) !== v.getUint8(b + k)) return false;
  return true;
}

// Buffer's own latin1Slice skips toString's argument checks; keys are byte-exact either way.
const latin1 = (b: Buffer, start: number, end: number): string => b.latin1Slice(start, end);

function compareBytes(b: Buffer, as: number, ae: number, bs: number, be: number): number {
  const n = Math.min(ae - as, be - bs);
  for (let k = 0; k < n; k++) {
    const d = b[as + k]! - b[bs + k]!;
    if (d !== 0) return d;
  }
  return ae - as - (be - bs);
}

/** A field value: float, 12i, 12u or a boolean. NaN and infinities are not numbers we can keep. */
function parseFieldValue(b: Buffer, s: number, e: number, ks: number, ke: number): number {
  if (s === e)
    throw new LineError(s, `the field "${b.toString('utf8', ks, ke)}" has an empty value`);
  const last = b[e - 1]!;
  const first = b[s]!;
  if (first === 116 || first === 84 || first === 102 || first === 70)
    return parseBoolean(b, s, e, ks, ke); // t T f F
  if (last === 105 || last === 117) {
    // 12i (integer), 12u (unsigned)
    const v = parseDecimal(b, s, e - 1, false);
    if (Number.isNaN(v) || (last === 117 && v < 0)) throw badNumber(b, s, e, ks, ke);
    return v;
  }
  const v = parseDecimal(b, s, e, true);
  if (Number.isNaN(v)) throw badNumber(b, s, e, ks, ke);
  if (!Number.isFinite(v))
    throw new LineError(s, `the value of field "${b.toString('utf8', ks, ke)}" is out of range`);
  return v;
}

function badNumber(b: Buffer, s: number, e: number, ks: number, ke: number): LineError {
  return new LineError(
    s,
    `"${b.toString('utf8', s, e)}" is not a valid value for field "${b.toString('utf8', ks, ke)}"; use a number (1.5, 2i, 3u), a boolean, or a "quoted string" (NaN and Inf are not allowed)`,
  );
}

function parseBoolean(b: Buffer, s: number, e: number, ks: number, ke: number): number {
  const text = latin1(b, s, e);
  if (text === 't' || text === 'T' || text === 'true' || text === 'True' || text === 'TRUE')
    return 1;
  if (text === 'f' || text === 'F' || text === 'false' || text === 'False' || text === 'FALSE')
    return 0;
  throw badNumber(b, s, e, ks, ke);
}

/**
 * A decimal number without allocating: digits are gathered as an integer mantissa and
 * scaled once by an exact power of ten, which rounds correctly while both are exact
 * (up to 15 digits, scale up to 1e22); longer forms go through Number(). NaN when the
 * text is not a number.
 */
function parseDecimal(b: Buffer, s: number, e: number, allowFraction: boolean): number {
  let i = s;
  let neg = false;
  if (b[i] === MINUS) {
    neg = true;
    i++;
  } else if (b[i] === PLUS) {
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  const intStart = i;
  while (i < e && b[i]! >= 48 && b[i]! <= 57) {
    mantissa = mantissa * 10 + (b[i++]! - 48);
    digits++;
  }
  let sawDigits = i > intStart;
  if (i < e && b[i] === DOT && allowFraction) {
    i++;
    const fs = i;
    while (i < e && b[i]! >= 48 && b[i]! <= 57) {
      mantissa = mantissa * 10 + (b[i++]! - 48);
      digits++;
      scale++;
    }
    sawDigits ||= i > fs;
  }
  if (!sawDigits) return NaN;
  let exponent = 0;
  if (i < e && (b[i] === 101 || b[i] === 69) && allowFraction) {
    // e or E
    i++;
    let eneg = false;
    if (b[i] === MINUS || b[i] === PLUS) eneg = b[i++] === MINUS;
    const es = i;
    while (i < e && b[i]! >= 48 && b[i]! <= 57) exponent = exponent * 10 + (b[i++]! - 48);
    if (i === es) return NaN;
    if (eneg) exponent = -exponent;
  }
  if (i !== e) return NaN;
  if (!allowFraction) return neg ? -mantissa : mantissa;
  const net = exponent - scale;
  let v: number;
  if (digits <= 15 && net >= -22 && net <= 22)
    v = net >= 0 ? mantissa * POW10[net]! : mantissa / POW10[-net]!;
  else v = Number(latin1(b, neg || b[s] === PLUS ? s + 1 : s, e));
  return neg ? -v : v;
}
