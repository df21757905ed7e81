import { parseLineProtocol } from '../../src/sources/ingest/line-protocol.js';
import { PointBatch, type IngestProblem } from '../../src/sources/ingest/point-batch.js';
import { seeded } from '../../src/domain/random.js';

/** The points of a batch as plain objects, for deepEqual. */
export function pointsOf(
  batch: PointBatch,
): Array<{ key: string; value: number; time: number; kind: number }> {
  return Array.from({ length: batch.count }, (_, i) => ({
    key: batch.keyAt(i),
    value: batch.values[i]!,
    time: batch.times[i]!,
    kind: batch.kinds[i]!,
  }));
}

/**
 * Line-protocol escaping, written independently of the parsers: a backslash is doubled where
 * it would read as an escape, then commas and spaces (and, outside measurements, equals
 * signs) are escaped.
 */
export function lpEscape(text: string, measurement = false): string {
  return text
    .replace(/\\(?=[ ,="\\]|$)/g, '\\\\')
    .replace(measurement ? /[ ,]/g : /[ ,=]/g, '\\$&');
}

/** One line-protocol line (ms precision) for a measurement, tags in the given order, and fields. */
export function lpLine(
  measurement: string,
  tags: ReadonlyArray<readonly [string, string]>,
  fields: ReadonlyArray<readonly [string, number]>,
  timeMs: number,
): string {
  const tagText = tags.map(([k, v]) => `,${lpEscape(k)}=${lpEscape(v)}`).join('');
  const fieldText = fields.map(([k, v]) => `${lpEscape(k)}=${v}`).join(',');
  return `${lpEscape(measurement, true)}${tagText} ${fieldText} ${timeMs}`;
}

/** The series keys line protocol gives a body; fails on any problem. */
export function lineProtocolKeys(lines: readonly string[], now: number): string[] {
  const batch = new PointBatch();
  const problems: IngestProblem[] = [];
  parseLineProtocol(
    Buffer.from(lines.join('\n')),
    { precision: 'ms', now, maxFutureMs: 600_000 },
    batch,
    problems,
  );
  if (problems.length > 0)
    throw new Error(`line protocol refused the comparison body: ${JSON.stringify(problems)}`);
  return Array.from({ length: batch.count }, (_, i) => batch.keyAt(i));
}

/** A seeded uniform generator in [0, 1): the same seed, the same sequence. */
export const seededRandom = (seed: number): (() => number) => seeded(seed).next;
