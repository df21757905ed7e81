import type { Instant } from '../../domain/time.js';

export interface CheckHourDelta {
  readonly monitorId: string;
  readonly location: string;
  readonly hour: Instant;
  readonly checks: number;
  readonly failures: number;
  readonly latencySum: number;
  readonly latencyMax: number;
}

/** Hourly check counts per monitor and location, the raw material of measured uptime. */
export interface CheckHourRepository {
  /** Adds the deltas to their hours: counts and sums add up, the slowest check is kept. */
  add(deltas: readonly CheckHourDelta[]): Promise<void>;
  /** A monitor's hours in [from, to), by hour then location. */
  between(monitorId: string, from: Instant, to: Instant): Promise<CheckHourDelta[]>;
  /** Drops hourly counts older than `before`; returns how many rows went. */
  prune(before: Instant): Promise<number>;
}
