import { PointBatch, ValueKind, type IngestProblem } from './point-batch.js';
import { KeyPart, writeEscaped } from './series-key-writer.js';
import { SnappyError, uncompressSnappy } from './snappy.js';

/**
 * Prometheus remote write (1.0): a snappy-compressed (block format) protobuf WriteRequest.
 *
 *   WriteRequest { repeated TimeSeries timeseries = 1; … }
 *   TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2; … }
 *   Label        { string name = 1; string value = 2; }
 *   Sample       { double value = 1; int64 timestamp = 2; }   // timestamp in ms
 *
 * Everything else (metadata, exemplars, native histograms, unknown fields) is skipped by
 * wire type. The protobuf is read by hand over the bytes: one string per series key, no
 * object per sample (the throughput is in bench/ingest-parsers.ts).
 *
 * A series becomes `__name__,label=value… value`: the metric name is the measurement, the
 * other labels are tags, the field is `value`, so `up{job="api"}` is `up,job=api value`.
 * As in Prometheus, a label with an empty value is no label at all.
 *
 * What is kept, skipped and refused, and why:
 * - Staleness markers (the NaN 0x7ff0000000000002 Prometheus writes when a series ends) are
 *   skipped: they are not measurements.
 * - Other NaN and ±Inf samples are skipped too, and counted, not reported as problems. They
 *   are ordinary Prometheus values (a summary quantile with no observations is NaN), but not
 *   numbers a rollup can keep; reporting them would get whole requests refused with 400,
 *   and a sender drops a refused request without retrying.
 * - A series that cannot be named (no `__name__`, an empty or repeated label name) and a
 *   sample too far in the future add nothing and are reported: `line` is the TimeSeries
 *   (1-based), `column` the sample (1-based) or 0 for the whole series.
 * - A body that fails to decode (bad snappy, broken protobuf) adds no points at all and
 *   yields exactly one problem, whatever was reported before the break: `line` 0 for the
 *   body, or the TimeSeries (and sample) where decoding broke.
 * The caller decides, as for line protocol, whether a body with problems is refused.
 */

export interface RemoteWriteOptions {
  /** Receive time (ms). */
  readonly now: number;
  /** Samples later than now + this are refused (a sender's clock gone wrong). */
  readonly maxFutureMs: number;
  /** Stop collecting problems after this many. */
  readonly maxProblems?: number;
  /** Largest decompressed body accepted, in bytes; the snappy preamble is checked before allocating. */
  readonly maxBodyBytes?: number;
}

/** What a body held besides its points, for the caller's counters. */
export interface RemoteWriteSummary {
  /** Series that added points. */
  series: number;
  /** Samples added to the batch. */
  samples: number;
  staleMarkers: number;
  /** NaN (other than staleness markers) and ±Inf samples, skipped. */
  nonFinite: number;
  /** Native histogram samples, skipped: Surety keeps numbers. */
  histograms: number;
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;
const MAX_LABELS = 256;
const STALE_HIGH = 0x7ff00000;
const STALE_LOW = 2;
const NAME_LABEL = Buffer.from('__name__');
const FIELD_SUFFIX = Buffer.from(' value');

class WireError extends Error {
  constructor(
    readonly at: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Parses a remote-write body into `batch`; problems go to `problems` (up to maxProblems).
 * Never throws on bad input.
 */
export function parseRemoteWrite(body: Uint8Array, options: RemoteWriteOptions, batch: PointBatch, problems: IngestProblem[]): RemoteWriteSummary {
  const maxProblems = options.maxProblems ?? 100;
  let data: Buffer;
  try {
    data = uncompressSnappy(body, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  } catch (err) {
    if (!(err instanceof SnappyError)) throw err;
    if (problems.length < maxProblems) {
      problems.push({ line: 0, column: 0, message: `the body is not snappy-compressed data (block format): ${err.message} (at byte ${err.at})`, text: 'body' });
    }
    return emptySummary();
  }

  const mark = batch.count;
  const problemMark = problems.length;
  const decoder = new RequestDecoder(data, options.now + options.maxFutureMs, options.maxFutureMs, maxProblems, batch, problems);
  try {
    decoder.request();
    return decoder.summary;
  } catch (err) {
    if (!(err instanceof WireError)) throw err;
    batch.truncate(mark);
    problems.length = problemMark;
    if (problems.length < maxProblems) {
      const where = decoder.line === 0 ? '' : decoder.column === 0 ? ` in series ${decoder.line}` : ` in sample ${decoder.column} of series ${decoder.line}`;
      problems.push({
        line: decoder.line,
        column: decoder.column,
        message: `the body is not a valid remote-write request: ${err.message}${where} (at byte ${err.at} of ${data.length} decompressed); nothing from it was kept`,
        text: decoder.line === 0 ? 'WriteRequest' : decoder.seriesText(),
      });
    }
    return emptySummary();
  }
}

const emptySummary = (): RemoteWriteSummary => ({ series: 0, samples: 0, staleMarkers: 0, nonFinite: 0, histograms: 0 });

/** One pass over a decompressed WriteRequest. Reading methods throw WireError on bad bytes. */
class RequestDecoder {
  readonly summary = emptySummary();
  /** Where decoding is, for problems: TimeSeries (1-based, 0 outside one) and sample (0 outside one). */
  line = 0;
  column = 0;
  private pos = 0;
  private readonly view: DataView;
  /** Labels of the current series other than __name__: name start, name end, value start, value end. */
  private readonly labels = new Int32Array(MAX_LABELS * 4);
  private labelCount = 0;
  private nameStart = -1;
  private nameEnd = -1;
  /** Escaped pairs in `key`: pair start (its comma), name end, pair end. */
  private readonly pairs = new Int32Array(MAX_LABELS * 3);
  private key = Buffer.allocUnsafe(4096);
  /** Samples of the current series refused as future: index and time. */
  private futureCount = 0;
  private readonly futureIndex: Int32Array;
  private readonly futureTime: Float64Array;

  constructor(
    private readonly b: Buffer,
    private readonly latest: number,
    private readonly maxFutureMs: number,
    private readonly maxProblems: number,
    private readonly batch: PointBatch,
    private readonly problems: IngestProblem[],
  ) {
    this.view = new DataView(b.buffer, b.byteOffset, b.length);
    this.futureIndex = new Int32Array(maxProblems);
    this.futureTime = new Float64Array(maxProblems);
  }

  request(): void {
    const end = this.b.length;
    let seriesNo = 0;
    while (this.pos < end) {
      const at = this.pos;
      const tag = this.tag(end);
      if (tag >>> 3 === 1) {
        this.expect(tag, 2, at, 'a TimeSeries');
        const len = this.length(end);
        this.line = ++seriesNo;
        this.series(this.pos + len);
        this.line = 0;
      } else {
        this.skip(tag, end);
      }
    }
  }

  private series(end: number): void {
    const batch = this.batch;
    const first = batch.count;
    this.labelCount = 0;
    this.nameStart = -1;
    this.nameEnd = -1;
    this.futureCount = 0;
    const needed = 2 * (end - this.pos) + FIELD_SUFFIX.length;
    if (this.key.length < needed) this.key = Buffer.allocUnsafe(needed * 2);
    let problem: string | null = null;
    let sampleNo = 0;
    while (this.pos < end) {
      const at = this.pos;
      const tag = this.tag(end);
      const field = tag >>> 3;
      if (field === 1) {
        this.expect(tag, 2, at, 'a Label');
        const len = this.length(end);
        const labelProblem = this.label(this.pos + len);
        if (problem === null) problem = labelProblem;
      } else if (field === 2) {
        this.expect(tag, 2, at, 'a Sample');
        const len = this.length(end);
        const sampleEnd = this.pos + len;
        this.column = ++sampleNo;
        this.sample(sampleEnd, sampleNo);
        this.column = 0;
      } else {
        if (field === 4) this.summary.histograms++;
        this.skip(tag, end);
      }
    }

    let key = '';
    if (problem === null && this.nameEnd <= this.nameStart) problem = 'the series has no metric name (no __name__ label, or an empty one)';
    if (problem === null) {
      key = this.seriesKey();
      if (key === '') problem = 'a label name appears twice';
    }
    if (problem !== null) {
      batch.truncate(first);
      this.report(0, problem);
      return;
    }
    if (batch.count > first) {
      for (let p = first; p < batch.count; p++) batch.keys[p] = key;
      this.summary.series++;
      this.summary.samples += batch.count - first;
    }
    for (let k = 0; k < this.futureCount; k++) {
      const time = this.futureTime[k]!;
      this.report(
        this.futureIndex[k]!,
        `the sample's timestamp ${time} is ${describeTime(time)}, more than ${Math.round(this.maxFutureMs / 60000)} minutes in the future; is the sender's clock right?`,
      );
    }
  }

  /** Reads one Label; returns a problem with it, or null. */
  private label(end: number): string | null {
    const b = this.b;
    const p = this.pos;
    let ns = p;
    let ne = p;
    let vs = p;
    let ve = p;
    // Fast path for what senders write: name then value, each with a one-byte length.
    if (end - p >= 4 && b[p] === 0x0a) {
      const n = b[p + 1]!;
      if (n < 0x80 && p + n + 4 <= end && b[p + n + 2] === 0x12 && b[p + n + 3]! < 0x80 && p + n + 4 + b[p + n + 3]! === end) {
        ns = p + 2;
        ne = ns + n;
        vs = ne + 2;
        ve = end;
        this.pos = end;
      }
    }
    while (this.pos < end) {
      const at = this.pos;
      const tag = this.tag(end);
      const field = tag >>> 3;
      if (field === 1 || field === 2) {
        this.expect(tag, 2, at, field === 1 ? 'a label name' : 'a label value');
        const len = this.length(end);
        if (field === 1) {
          ns = this.pos;
          ne = ns + len;
        } else {
          vs = this.pos;
          ve = vs + len;
        }
        this.pos += len;
      } else {
        this.skip(tag, end);
      }
    }
    if (ne === ns) return 'a label has an empty name';
    if (isNameLabel(this.b, ns, ne)) {
      if (this.nameStart >= 0) return 'the __name__ label appears twice';
      this.nameStart = vs;
      this.nameEnd = ve;
      return null;
    }
    if (ve === vs) return null; // an empty value is no label, as in Prometheus
    if (this.labelCount === MAX_LABELS) return `the series has more than ${MAX_LABELS} labels`;
    const l = this.labelCount++ * 4;
    this.labels[l] = ns;
    this.labels[l + 1] = ne;
    this.labels[l + 2] = vs;
    this.labels[l + 3] = ve;
    return null;
  }

  /** Reads one Sample and adds it to the batch (its key is set once the series is read). */
  private sample(end: number, sampleNo: number): void {
    let value = 0;
    let stale = false;
    let time = 0;
    const p = this.pos;
    // Fast path for what senders write: the value (fixed64), then the timestamp.
    if (end - p >= 11 && this.b[p] === 0x09 && this.b[p + 9] === 0x10) {
      value = this.view.getFloat64(p + 1, true);
      stale = value !== value && this.view.getUint32(p + 1, true) === STALE_LOW && this.view.getUint32(p + 5, true) === STALE_HIGH;
      this.pos = p + 10;
      time = this.int64(end);
    }
    while (this.pos < end) {
      const at = this.pos;
      const tag = this.tag(end);
      const field = tag >>> 3;
      if (field === 1) {
        this.expect(tag, 1, at, 'a sample value');
        if (end - this.pos < 8) throw new WireError(this.pos, 'a sample value is cut off');
        value = this.view.getFloat64(this.pos, true);
        stale = value !== value && this.view.getUint32(this.pos, true) === STALE_LOW && this.view.getUint32(this.pos + 4, true) === STALE_HIGH;
        this.pos += 8;
      } else if (field === 2) {
        this.expect(tag, 0, at, 'a sample timestamp');
        time = this.int64(end);
      } else {
        this.skip(tag, end);
      }
    }
    if (value - value !== 0) {
      // NaN or ±Inf
      if (stale) this.summary.staleMarkers++;
      else this.summary.nonFinite++;
    } else if (time > this.latest) {
      if (this.futureCount < this.maxProblems) {
        this.futureIndex[this.futureCount] = sampleNo;
        this.futureTime[this.futureCount++] = time;
      }
    } else {
      this.batch.push('', value, time, ValueKind.Number);
    }
  }

  /** The series key, escaped as line protocol would; '' when a label name repeats. */
  private seriesKey(): string {
    const b = this.b;
    const k = this.key;
    const pairs = this.pairs;
    let d = writeEscaped(b, this.nameStart, this.nameEnd, k, 0, KeyPart.Measurement);
    const measurementEnd = d;
    let sorted = true;
    for (let i = 0; i < this.labelCount; i++) {
      const l = i * 4;
      const p = i * 3;
      pairs[p] = d;
      k[d++] = 44; // ,
      d = writeEscaped(b, this.labels[l]!, this.labels[l + 1]!, k, d, KeyPart.Name);
      pairs[p + 1] = d;
      if (i > 0 && compareBytes(k, pairs[p - 3]! + 1, pairs[p - 2]!, pairs[p]! + 1, d) >= 0) sorted = false;
      k[d++] = 61; // =
      d = writeEscaped(b, this.labels[l + 2]!, this.labels[l + 3]!, k, d, KeyPart.Name);
      pairs[p + 2] = d;
    }
    if (sorted) {
      for (let i = 0; i < FIELD_SUFFIX.length; i++) k[d++] = FIELD_SUFFIX[i]!;
      return latin1(k, 0, d);
    }
    // Senders sort labels by name; this is the rare path.
    const order = Array.from({ length: this.labelCount }, (_, i) => i * 3);
    const byName = (x: number, y: number): number => compareBytes(k, pairs[x]! + 1, pairs[x + 1]!, pairs[y]! + 1, pairs[y + 1]!);
    order.sort(byName);
    let key = latin1(k, 0, measurementEnd);
    for (let i = 0; i < order.length; i++) {
      if (i > 0 && byName(order[i - 1]!, order[i]!) === 0) return '';
      key += latin1(k, pairs[order[i]!]!, pairs[order[i]! + 2]!);
    }
    return `${key} value`;
  }

  /** The current series as Prometheus prints it, shortened: `name{label="value",…}`. */
  seriesText(): string {
    const b = this.b;
    let text = this.nameEnd > this.nameStart ? b.toString('utf8', this.nameStart, this.nameEnd) : '';
    const labels: string[] = [];
    for (let i = 0; i < this.labelCount && text.length < 200; i++) {
      const l = i * 4;
      labels.push(`${b.toString('utf8', this.labels[l]!, this.labels[l + 1]!)}=${JSON.stringify(b.toString('utf8', this.labels[l + 2]!, this.labels[l + 3]!))}`);
    }
    if (labels.length > 0) text += `{${labels.join(',')}}`;
    if (text === '') text = `series ${this.line}`;
    return text.length > 200 ? `${text.slice(0, 199)}…` : text;
  }

  private report(column: number, message: string): void {
    if (this.problems.length < this.maxProblems) this.problems.push({ line: this.line, column, message, text: this.seriesText() });
  }

  // --- the wire format ---------------------------------------------------------------

  /** A field tag; field numbers from 1 to 2^29 - 1, so `tag >>> 3` and `tag & 7` are exact. */
  private tag(end: number): number {
    const at = this.pos;
    const tag = this.uint(end);
    if (tag >= 2 ** 32) throw new WireError(at, 'a field number is out of range');
    if (tag >>> 3 === 0) throw new WireError(at, 'a field has number 0');
    return tag;
  }

  private expect(tag: number, wireType: number, at: number, what: string): void {
    if ((tag & 7) !== wireType) throw new WireError(at, `${what} has wire type ${tag & 7}, not ${wireType}`);
  }

  /** A length prefix, checked against what is left of the enclosing message. */
  private length(end: number): number {
    const at = this.pos;
    const len = this.uint(end);
    if (len > end - this.pos) throw new WireError(at, `a field of ${len} bytes runs past the end of its message (${end - this.pos} bytes left)`);
    return len;
  }

  /** A varint as an unsigned number (exact below 2^53). */
  private uint(end: number): number {
    const b = this.b;
    let p = this.pos;
    if (p >= end) throw new WireError(p, 'the message ends inside a varint');
    let c = b[p++]!;
    if (c < 0x80) {
      this.pos = p;
      return c;
    }
    let value = c & 0x7f;
    let scale = 128;
    for (let k = 1; ; k++) {
      if (p >= end) throw new WireError(p, 'the message ends inside a varint');
      c = b[p++]!;
      if (k === 9 && c > 1) throw new WireError(p - 1, 'a varint overflows 64 bits');
      value += (c & 0x7f) * scale;
      if (c < 0x80) break;
      scale *= 128;
    }
    this.pos = p;
    return value;
  }

  /** A varint as a two's-complement int64 (exact within ±2^53). */
  private int64(end: number): number {
    const b = this.b;
    let p = this.pos;
    let low = 0;
    let high = 0;
    let c = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      if (p >= end) throw new WireError(p, 'the message ends inside a varint');
      c = b[p++]!;
      low |= (c & 0x7f) << shift;
      if (c < 0x80) {
        this.pos = p;
        return low;
      }
    }
    if (p >= end) throw new WireError(p, 'the message ends inside a varint');
    c = b[p++]!;
    low |= (c & 0x0f) << 28;
    high = (c & 0x7f) >>> 4;
    for (let shift = 3; c >= 0x80; shift += 7) {
      if (p >= end) throw new WireError(p, 'the message ends inside a varint');
      c = b[p++]!;
      if (shift === 31 && c > 1) throw new WireError(p - 1, 'a varint overflows 64 bits');
      high |= (c & 0x7f) << shift;
    }
    this.pos = p;
    return high * 4294967296 + (low >>> 0);
  }

  /** Skips a field of any wire type, groups included (iteratively, to a depth of 100). */
  private skip(tag: number, end: number): void {
    const wireType = tag & 7;
    if (wireType !== 3) {
      this.skipScalar(wireType, end);
      return;
    }
    const open = [tag >>> 3];
    while (open.length > 0) {
      const at = this.pos;
      const inner = this.tag(end);
      const type = inner & 7;
      if (type === 4) {
        if (open.pop() !== inner >>> 3) throw new WireError(at, 'an end-group marker does not match its group');
      } else if (type === 3) {
        if (open.length === 100) throw new WireError(at, 'groups are nested more than 100 deep');
        open.push(inner >>> 3);
      } else {
        this.skipScalar(type, end);
      }
    }
  }

  private skipScalar(wireType: number, end: number): void {
    const at = this.pos;
    switch (wireType) {
      case 0:
        this.uint(end);
        return;
      case 1:
      case 5: {
        const size = wireType === 1 ? 8 : 4;
        if (end - this.pos < size) throw new WireError(at, `a ${size}-byte field runs past the end of its message`);
        this.pos += size;
        return;
      }
      case 2: {
        const len = this.length(end); // read before adding: it moves pos
        this.pos += len;
        return;
      }
      case 4:
        throw new WireError(at, 'an end-group marker without a group');
      default:
        throw new WireError(at, `invalid wire type ${wireType}`);
    }
  }
}

/** A time for a message; Date cannot show times beyond ±8.64e15 ms. */
const describeTime = (t: number): string => (Math.abs(t) <= 8.64e15 ? new Date(t).toISOString() : 'beyond the year 275000');

function isNameLabel(b: Buffer, start: number, end: number): boolean {
  if (end - start !== NAME_LABEL.length) return false;
  for (let i = 0; i < NAME_LABEL.length; i++) if (b[start + i] !== NAME_LABEL[i]) return false;
  return true;
}

// Buffer's own latin1Slice skips toString's argument checks (as in line-protocol.ts).
type FastBuffer = Buffer & { latin1Slice(start: number, end: number): string };
const latin1 = (b: Buffer, start: number, end: number): string => (b as FastBuffer).latin1Slice(start, end);

function compareBytes(b: Uint8Array, as: number, ae: number, bs: number, be: number): number {
  const n = Math.min(ae - as, be - bs);
  for (let k = 0; k < n; k++) {
    const d = b[as + k]! - b[bs + k]!;
    if (d !== 0) return d;
  }
  return ae - as - (be - bs);
}
