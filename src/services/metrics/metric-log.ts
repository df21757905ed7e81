/**
 * The durable log the metrics pipeline writes every accepted body to before acknowledging
 * it (storage/wal implements it). Declared here, by its user.
 */
export interface LogPosition {
  readonly segment: number;
  readonly offset: number;
}

export interface LogRecordMeta {
  readonly format: number;
  readonly precision: number;
  readonly flags: number;
  readonly receivedAt: number;
}

export interface MetricLog {
  readonly head: LogPosition;
  append(meta: LogRecordMeta, payload: Buffer): { end: LogPosition; durable: Promise<void> };
  syncedThrough(position: LogPosition): Promise<void>;
  replay(after: LogPosition): AsyncIterable<LogRecordMeta & { payload: Buffer; end: LogPosition }>;
  discardBefore(position: LogPosition): Promise<number>;
  close(): Promise<void>;
}
