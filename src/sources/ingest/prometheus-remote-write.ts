import { PointBatch, ValueKind, type IngestProblem } from './point-batch.js';
import { KeyPart, writeEscaped } from './series-key-writer.js';
import { WireError, WireReader } from './protobuf-reader.js';
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
 * object per sample, a fast path for the encoding senders use. bench/ingest-parsers.ts:
 * ~3 M samples/s for 5,000 series × 2 samples, ~1.9 M with one sample per series; per
 * series ~0.15 µs of snappy and ~0.4 µs of decoding, half of that escaping the key.
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
 *
 * Kept whole: the message walk is one pass whose reader, key scratch and batch are shared by
 * every level of the nesting (request, series, label, sample); apart they would be passed around.
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
/** A guard, not a Prometheus rule: keys are held in memory and stored with every point. */
const MAX_KEY_BYTES = 65_536;
const STALE_HIGH = 0x7ff00000;
const STALE_LOW = 2;
const NAME_LABEL = Buffer.from('__name__');
const FIELD_SUFFIX = Buffer.from(' value');

/**
 * Parses a remote-write body into `batch`; problems go to `problems` (up to maxProblems).
 * Never throws on bad input.
 */
export function parseRemoteWrite(
  body: Uint8Array,
  options: RemoteWriteOptions,
  batch: PointBatch,
  problems: IngestProblem[],
): RemoteWriteSummary {
  const maxProblems = options.maxProblems ?? 100;
  let data: Buffer;
  try {
    data = uncompressSnappy(body, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  } catch (err) {
    if (!(err instanceof SnappyError)) throw err;
    if (problems.length < maxProblems) {
      problems.push({
        line: 0,
        column: 0,
        message: `the body is not snappy-compressed data (block format): ${err.message} (at byte ${err.at})`,
        text: 'body',
      });
    }
    return emptySummary();
  }

  const mark = batch.count;
  const problemMark = problems.length;
  const decoder = new RequestDecoder(
    data,
    options.now + options.maxFutureMs,
    options.maxFutureMs,
    maxProblems,
    batch,
    problems,
  );
  try {
    decoder.request();
    return decoder.summary;
  } catch (err) {
    if (!(err instanceof WireError)) throw err;
    batch.truncate(mark);
    problems.length = problemMark;
    if (problems.length < maxProblems) {
      const where =
        decoder.line === 0
          ? ''
          : decoder.column === 0
            ? ` in series ${decoder.line}`
            : ` in sample ${decoder.column} of series ${decoder.line}`;
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

const emptySummary = (): RemoteWriteSummary => ({
  series: 0,
  samples: 0,
  staleMarkers: 0,
  nonFinite: 0,
  histograms: 0,
});

/** One pass over a decompressed WriteRequest. Reading methods throw WireError on bad bytes. */
class RequestDecoder {
  readonly summary = emptySummary();
  /** Where decoding is, for problems: TimeSeries (1-based, 0 outside one) and sample (0 outside one). */
  line = 0;
  column = 0;
  private readonly r: WireReader;
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
    this.r = new WireReader(b);
    this.futureIndex = new Int32Array(maxProblems);
    this.futureTime = new Float64Array(maxProblems);
  }

  request(): void {
    const r = this.r;
    const end = this.b.length;
    let seriesNo = 0;
    while (r.pos < end) {
      const at = r.pos;
      const tag = r.tag(end);
      if (tag >>> 3 === 1) {
        r.expect(tag, 2, at, 'a TimeSeries');
        const len = r.length(end);
        this.line = ++seriesNo;
        this.series(r.pos + len);
        this.line = 0;
      } else {
        r.skip(tag, end);
      }
    }
  }

  private series(end: number): void {
    const r = this.r;
    const batch = this.batch;
    const first = batch.count;
    this.labelCount = 0;
    this.nameStart = -1;
    this.nameEnd = -1;
    this.futureCount = 0;
    let problem: string | null = null;
    let sampleNo = 0;
    while (r.pos < end) {
      const at = r.pos;
      const tag = r.tag(end);
      const field = tag >>> 3;
      if (field === 1) {
        r.expect(tag, 2, at, 'a Label');
        const len = r.length(end);
        const labelProblem = this.label(r.pos + len);
        if (problem === null) problem = labelProblem;
      } else if (field === 2) {
        r.expect(tag, 2, at, 'a Sample');
        const len = r.length(end);
        const sampleEnd = r.pos + len;
        this.column = ++sampleNo;
        this.sample(sampleEnd, sampleNo);
        this.column = 0;
      } else {
        if (field === 4) this.summary.histograms++;
        r.skip(tag, end);
      }
    }

    let key = '';
    if (problem === null && this.nameEnd <= this.nameStart)
      problem = 'the series has no metric name (no __name__ label, or an empty one)';
    if (problem === null) {
      let size = this.nameEnd - this.nameStart + FIELD_SUFFIX.length;
      for (let l = 0; l < this.labelCount * 4; l += 4)
        size +=
          this.labels[l + 1]! - this.labels[l]! + this.labels[l + 3]! - this.labels[l + 2]! + 2;
      if (size > MAX_KEY_BYTES)
        problem = `the metric name and labels are longer than ${MAX_KEY_BYTES} bytes`;
      else {
        if (this.key.length < 2 * size) this.key = Buffer.allocUnsafe(4 * size);
        key = this.seriesKey();
        if (key === '') problem = 'a label name appears twice';
      }
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
    const r = this.r;
    const p = r.pos;
    let ns = p;
    let ne = p;
    let vs = p;
    let ve = p;
    // Fast path for what senders write: name then value, each with a one-byte length.
    if (end - p >= 4 && b[p] === 0x0a) {
      const n = b[p + 1]!;
      if (
        n < 0x80 &&
        p + n + 4 <= end &&
        b[p + n + 2] === 0x12 &&
        b[p + n + 3]! < 0x80 &&
        p + n + 4 + b[p + n + 3]! === end
      ) {
        ns = p + 2;
        ne = ns + n;
        vs = ne + 2;
        ve = end;
        r.pos = end;
      }
    }
    while (r.pos < end) {
      const at = r.pos;
      const tag = r.tag(end);
      const field = tag >>> 3;
      if (field === 1 || field === 2) {
        r.expect(tag, 2, at, field === 1 ? 'a label name' : 'a label value');
        const len = r.length(end);
        if (field === 1) {
          ns = r.pos;
          ne = ns + len;
        } else {
          vs = r.pos;
          ve = vs + len;
        }
        r.pos += len;
      } else {
        r.skip(tag, end);
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
    const r = this.r;
    let value = 0;
    let valueAt = -1;
    let time = 0;
    // Fast path for what senders write: the value (fixed64), then the timestamp.
    if (end - r.pos >= 11 && this.b[r.pos] === 0x09 && this.b[r.pos + 9] === 0x10) {
      valueAt = r.pos + 1;
      value = r.view.getFloat64(valueAt, true);
      r.pos += 10;
      time = r.int64(end);
    }
    while (r.pos < end) {
      const at = r.pos;
      const tag = r.tag(end);
      const field = tag >>> 3;
      if (field === 1) {
        r.expect(tag, 1, at, 'a sample value');
        valueAt = r.pos;
        value = r.double(end);
      } else if (field === 2) {
        r.expect(tag, 0, at, 'a sample timestamp');
        time = r.int64(end);
      } else {
        r.skip(tag, end);
      }
    }
    if (value - value !== 0) {
      // NaN or ±Inf; a staleness marker is one NaN bit pattern.
      if (
        valueAt >= 0 &&
        r.view.getUint32(valueAt, true) === STALE_LOW &&
        r.view.getUint32(valueAt + 4, true) === STALE_HIGH
      )
        this.summary.staleMarkers++;
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
      if (i > 0 && compareBytes(k, pairs[p - 3]! + 1, pairs[p - 2]!, pairs[p]! + 1, d) >= 0)
        sorted = false;
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
    const byName = (x: number, y: number): number =>
      compareBytes(k, pairs[x]! + 1, pairs[x + 1]!, pairs[y]! + 1, pairs[y + 1]!);
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
    let text =
      this.nameEnd > this.nameStart ? b.toString('utf8', this.nameStart, this.nameEnd) : '';
    const labels: string[] = [];
    for (let i = 0; i < this.labelCount && text.length < 200; i++) {
      const l = i * 4;
      labels.push(
        `${b.toString('utf8', this.labels[l]!, this.labels[l + 1]!)}=${JSON.stringify(b.toString('utf8', this.labels[l + 2]!, this.labels[l + 3]!))}`,
      );
    }
    if (labels.length > 0) text += `{${labels.join(',')}}`;
    if (text === '') text = `series ${this.line}`;
    return text.length > 200 ? `${text.slice(0, 199)}…` : text;
  }

  private report(column: number, message: string): void {
    if (this.problems.length < this.maxProblems)
      this.problems.push({ line: this.line, column, message, text: this.seriesText() });
  }
}

/** A time for a message; Date cannot show times beyond ±8.64e15 ms. */
const describeTime = (t: number): string =>
  Math.abs(t) <= 8.64e15 ? new Date(t).toISOString() : 'beyond the year 275000';

function isNameLabel(b: Buffer, start: number, end: number): boolean {
  if (end - start !== NAME_LABEL.length) return false;
  for (let i = 0; i < NAME_LABEL.length; i++) if (b[start + i] !== NAME_LABEL[i]) return false;
  return true;
}

// Buffer's own latin1Slice skips toString's argument checks (as in line-protocol.ts).
type FastBuffer = Buffer & { latin1Slice(start: number, end: number): string };
const latin1 = (b: Buffer, start: number, end: number): string =>
  (b as FastBuffer).latin1Slice(start, end);

function compareBytes(b: Uint8Array, as: number, ae: number, bs: number, be: number): number {
  const n = Math.min(ae - as, be - bs);
  for (let k = 0; k < n; k++) {
    const d = b[as + k]! - b[bs + k]!;
    if (d !== 0) return d;
  }
  return ae - as - (be - bs);
}
