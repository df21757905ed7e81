import type { Instant } from '../../domain/time.js';

export type MonitorStatusName = 'pending' | 'up' | 'failing' | 'down';

/** One monitor at one location: where its state machine stands and what the last check said. */
export interface MonitorStateRow {
  readonly monitorId: string;
  readonly location: string;
  readonly status: MonitorStatusName;
  readonly since: Instant | null;
  readonly failures: number;
  readonly detectedAt: Instant | null;
  readonly lastAt: Instant | null;
  readonly lastOk: boolean | null;
  readonly lastCause: string | null;
  readonly lastMessage: string | null;
  readonly lastLatencyMs: number | null;
  readonly lastWarning: string | null;
}

/** Where each monitor's state machine stands at each location, written back after checks. */
export interface MonitorStateRepository {
  /** The states of the monitors (at one location, if given), by monitor then location. */
  list(monitorIds: readonly string[], location?: string): Promise<MonitorStateRow[]>;
  /** Upserts per monitor and location; of two rows for one key in a batch, the last wins. */
  save(rows: readonly MonitorStateRow[]): Promise<void>;
}
