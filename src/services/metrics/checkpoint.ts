import type { LogPosition } from './metric-log.js';

/** The meta key under which the last flush records the log position it covers. */
export const CHECKPOINT = 'metrics.checkpoint';

export function parseCheckpoint(text: string | undefined): LogPosition {
  if (!text) return { segment: 0, offset: 0 };
  const [segment, offset] = text.split(':').map(Number);
  return { segment: segment ?? 0, offset: offset ?? 0 };
}
