import { RawPoints } from '../evaluate/metrics/raw-points.js';
import { RollupColumns } from '../evaluate/metrics/rollup-columns.js';
import type { FlushBatch } from '../services/metrics/store-flush.js';

/** A flush batch as a message between threads, its big columns transferred, not copied. */
export function packBatch(batch: FlushBatch): { message: FlushBatch; transfer: ArrayBuffer[] } {
  const s = batch.sketches;
  return {
    message: batch,
    transfer: [
      ...batch.deltas.buffers,
      ...batch.raw.buffers,
      ...[s.series, s.bucket, s.ends, s.bytes].map((a) => a.buffer as ArrayBuffer),
    ],
  };
}

/** A batch received from another thread, its column sets whole again. */
export function unpackBatch(message: FlushBatch): FlushBatch {
  return {
    ...message,
    deltas: RollupColumns.revive(message.deltas),
    raw: RawPoints.revive(message.raw),
  };
}
