import type { Instant } from '../domain/time.js';

/**
 * Planned maintenance: downtime inside a declared window is planned, not unplanned. Windows are
 * one-off spans or recurring local wall-clock times in a time zone; `maintenance-parse.ts` reads
 * them from text. An occurrence counts only if it was declared before it began: a window
 * declared in the middle of an outage does not turn that outage into planned work.
 */
interface Declared {
  readonly id?: string;
  /** When the window was declared; occurrences that began earlier are not planned. */
  readonly declaredAt?: Instant;
}

export interface OneOffWindow extends Declared {
  readonly kind: 'once';
  readonly from: Instant;
  readonly to: Instant;
}

export interface RecurringWindow extends Declared {
  readonly kind: 'recurring';
  readonly every: 'day' | 'week' | 'month';
  /** For `week`: ISO weekdays, 1 = Monday … 7 = Sunday. */
  readonly weekdays?: readonly number[];
  /** For `month`: days of the month 1 … 31 (skipped in months without them), or 'last'. */
  readonly monthDays?: ReadonlyArray<number | 'last'>;
  /** Local wall-clock minutes after midnight; an `end` at or before `start` ends the next day. */
  readonly start: number;
  readonly end: number;
  readonly timezone: string;
  /** Occurrences that begin at or after this are not generated (the window was retired). */
  readonly until?: Instant;
}

export type MaintenanceWindow = OneOffWindow | RecurringWindow;
