import type { Instant } from '../../domain/time.js';
import type { TicketId } from '../../domain/ticket.js';

/** One piece of evidence behind a breach: which ticket, and when its time ran out. */
export interface BreachEvidence {
  readonly ticket: TicketId;
  readonly customer: string;
  readonly dueAt: Instant | null;
  readonly breachedAt: Instant | null;
  /** Why this ticket counts against the commitment, for the aggregate measures. */
  readonly reason?: string | undefined;
}

/** How one commitment fared over a window. */
export interface Outcome {
  /** The measured value: percent for attainment and rates, a score, or milliseconds. Null without data. */
  readonly value: number | null;
  readonly unit: 'percent' | 'score' | 'duration';
  /** Null when there was nothing to measure in the window. */
  readonly met: boolean | null;
  /** Each clock that ran out counts once; a value over a window that missed its target counts once. */
  readonly breaches: number;
  /** How many things were measured (clocks settled, ratings, tickets). */
  readonly sample: number;
  readonly evidence: readonly BreachEvidence[];
  /**
   * Clock commitments: the clocks cancelled in the window (their ticket closed before the
   * solution, in time), left out of `value` and `sample`; absent for the other measures.
   */
  readonly cancelled?: readonly CancelledClock[];
}

/** A clock the ticket's close ended before it was met or breached. */
export interface CancelledClock {
  readonly ticket: TicketId;
  readonly customer: string;
  readonly dueAt: Instant | null;
  /** When the ticket was closed. */
  readonly stoppedAt: Instant | null;
}
