import type { Millis } from './duration.js';
import type { Instant } from './time.js';

/**
 * The states of an SLA clock. Transitions happen only in evaluate/clocks; everything
 * else reads them. `cancelled`: the ticket ended (closed) before the event the clock waits
 * for and before its deadline, so the promise was neither kept nor broken.
 */
export type ClockState = 'running' | 'warning' | 'paused' | 'met' | 'breached' | 'cancelled';

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
  /** Set once the clock stops: the event that satisfied it, or the close that cancelled it. */
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

/**
 * Whether a breach was the close itself (`closedWithoutSolution: breach`): only then does a
 * clock breach at the very moment it stops, since a deadline breaches strictly before a late
 * answer (an answer at the deadline is in time).
 */
export const breachedByClose = (c: {
  readonly breachedAt: Instant | null;
  readonly stoppedAt: Instant | null;
}): boolean => c.breachedAt !== null && c.breachedAt === c.stoppedAt;
