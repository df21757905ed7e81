import type { Millis } from './duration.js';
import type { Instant } from './time.js';

/**
 * The states of an SLA clock. Transitions happen only in evaluate/clocks; everything
 * else reads them.
 */
export type ClockState = 'running' | 'warning' | 'paused' | 'met' | 'breached';

export interface ClockWarning {
  /** Fraction of the allowed time, e.g. 0.75. */
  readonly threshold: number;
  readonly at: Instant;
}

/** One commitment's clock on one ticket (or incident), as of an evaluation moment. */
export interface Clock {
  readonly commitment: string;
  readonly state: ClockState;
  readonly targetMs: Millis;
  readonly calendar: string;
  readonly startedAt: Instant;
  /** When the allowed time runs out; null while paused (it depends on when work resumes). */
  readonly dueAt: Instant | null;
  /** Set once the clock stops: the event that satisfied it. */
  readonly stoppedAt: Instant | null;
  readonly pausedAt: Instant | null;
  readonly breachedAt: Instant | null;
  /** Business time counted so far and left (negative once overdue). */
  readonly elapsedMs: Millis;
  readonly remainingMs: Millis;
  readonly warnings: readonly ClockWarning[];
  /** The next moment this clock changes state by itself (a warning or the breach), if running. */
  readonly nextChangeAt: Instant | null;
}
