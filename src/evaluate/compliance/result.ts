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
}
