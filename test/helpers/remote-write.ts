/**
 * Builds Prometheus remote-write bodies for tests and benchmarks: a small protobuf encoder
 * for WriteRequest (with the fields the parser must skip) and snappy compression.
 */
import { compress } from 'snappyjs';

/** A sample value: a number, or the staleness marker NaN (bit pattern 0x7ff0000000000002). */
export type SampleValue = number | 'stale';

export interface SeriesSpec {
  /** In the order they are written; senders sort them, tests need not. */
  readonly labels: ReadonlyArray<readonly [string, string]>;
  /** [value, timestamp ms] */
  readonly samples: ReadonlyArray<readonly [SampleValue, number]>;
  /** Also write an exemplar, a native histogram and unknown fields of every wire type. */
  readonly extras?: boolean;
}

export interface RequestOptions {
  /** Also write metadata (WriteRequest field 3) and unknown top-level fields. */
  readonly metadata?: boolean;
}

/** Appends protobuf wire-format pieces to a growing byte list. */
export class ProtoWriter {
  private bytes: number[] = [];

  varint(value: number | bigint): this {
    let v = BigInt.asUintN(64, BigInt(value));
    while (v >= 0x80n) {
      this.bytes.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.bytes.push(Number(v));
    return this;
  }

  raw(bytes: ArrayLike<number>): this {
    for (let i = 0; i < bytes.length; i++) this.bytes.push(bytes[i]!);
    return this;
  }

  tag(field: number, wireType: number): this {
    return this.varint(field * 8 + wireType);
  }

  double(field: number, value: SampleValue): this {
    const b = Buffer.alloc(8);
    if (value === 'stale') b.writeBigUInt64LE(0x7ff0000000000002n);
    else b.writeDoubleLE(value);
    this.tag(field, 1);
    for (const x of b) this.bytes.push(x);
    return this;
  }

  fixed32(field: number, value: number): this {
    this.tag(field, 5);
    const b = Buffer.alloc(4);
    b.writeUInt32LE(value);
    for (const x of b) this.bytes.push(x);
    return this;
  }

  int(field: number, value: number | bigint): this {
    return this.tag(field, 0).varint(value);
  }

  bytesField(field: number, data: Uint8Array | string): this {
    const b = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    this.tag(field, 2).varint(b.length);
    for (const x of b) this.bytes.push(x);
    return this;
  }

  message(field: number, build: (w: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    build(inner);
    return this.bytesField(field, inner.finish());
  }

  /** A deprecated group: field start, a nested field, a nested group, end. */
  group(field: number): this {
    this.tag(field, 3)
      .int(1, 7)
      .tag(field + 1, 3)
      .fixed32(2, 9)
      .tag(field + 1, 4);
    return this.tag(field, 4);
  }

  finish(): Buffer {
    return Buffer.from(this.bytes);
  }
}

const label = (w: ProtoWriter, name: string, value: string): void => {
  w.bytesField(1, name).bytesField(2, value);
};

/** The uncompressed protobuf WriteRequest. */
export function encodeWriteRequest(
  series: readonly SeriesSpec[],
  options: RequestOptions = {},
): Buffer {
  const w = new ProtoWriter();
  if (options.metadata) {
    // MetricMetadata { type = 1; metric_family_name = 2; help = 4; unit = 5 }
    w.message(3, (m) =>
      m
        .int(1, 1)
        .bytesField(2, 'http_requests_total')
        .bytesField(4, 'Requests served.')
        .bytesField(5, ''),
    );
    w.int(99, 12345).fixed32(98, 1).double(97, 2.5).group(96);
  }
  for (const s of series) {
    w.message(1, (ts) => {
      if (s.extras)
        ts.int(50, -1).fixed32(51, 7).double(52, 1.5).bytesField(53, 'unknown').group(54);
      for (const [name, value] of s.labels) ts.message(1, (l) => label(l, name, value));
      for (const [value, time] of s.samples) ts.message(2, (m) => m.double(1, value).int(2, time));
      if (s.extras) {
        // Exemplar { labels = 1; value = 2; timestamp = 3 }
        ts.message(3, (e) =>
          e
            .message(1, (l) => label(l, 'trace_id', 'abc123'))
            .double(2, 0.25)
            .int(3, 1759651200000),
        );
        // Histogram { count_int = 1; sum = 3; schema = 4 (sint32); positive_spans = 11; positive_deltas = 12; timestamp = 15 }
        ts.message(4, (h) =>
          h
            .int(1, 3)
            .double(3, 1.5)
            .int(4, 6)
            .message(11, (sp) => sp.int(1, 2).int(2, 1))
            .bytesField(12, Buffer.from([2, 4]))
            .int(15, 1759651200000),
        );
      }
    });
  }
  if (options.metadata) w.message(3, (m) => m.int(1, 2).bytesField(2, 'up'));
  return w.finish();
}

export const snappy = (data: Uint8Array): Buffer => compress(Buffer.from(data));

/** A remote-write body as a sender posts it. */
export const remoteWriteBody = (
  series: readonly SeriesSpec[],
  options: RequestOptions = {},
): Buffer => snappy(encodeWriteRequest(series, options));
