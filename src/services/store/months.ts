import type { Instant } from '../../domain/time.js';
import type { Recorder } from '../../domain/ticket.js';

/** `closed`: the month's statement was issued (by hand, or once `closeAfter` had passed). */
export type MonthAction = 'closed' | 'reopened';

export interface NewMonthEvent {
  /** YYYY-MM in the policy's time zone. */
  readonly month: string;
  readonly action: MonthAction;
  readonly reason: string;
  /** Server time. */
  readonly at: Instant;
  readonly by: Recorder;
}

export interface StoredMonthEvent extends NewMonthEvent {
  readonly id: number;
}

export interface MonthRepository {
  record(event: NewMonthEvent): Promise<StoredMonthEvent>;
  /** The events of the months given (every month when omitted), oldest first. */
  events(months?: readonly string[]): Promise<StoredMonthEvent[]>;
}
