import type { Instant } from '../../domain/time.js';
import type { CustomerId, TicketId } from '../../domain/ticket.js';

/** A clock as stored for indexing; the live clock is always recomputed from the history. */
export interface ClockRow {
  readonly ticketId: TicketId;
  readonly commitment: string;
  readonly customer: CustomerId;
  /** A ClockState: running, warning, paused, met, breached or cancelled (free text in the table). */
  readonly state: string;
  readonly targetMs: number;
  readonly dueAt: Instant | null;
  readonly stoppedAt: Instant | null;
  readonly breachedAt: Instant | null;
  readonly nextAt: Instant | null;
  readonly warned: number;
}

export interface ClockRepository {
  replaceForTicket(ticketId: TicketId, rows: readonly ClockRow[]): Promise<void>;
  /** Adds clocks for tickets that have none yet (imports). */
  insertMany(rows: readonly ClockRow[]): Promise<void>;
  forTicket(ticketId: TicketId): Promise<ClockRow[]>;
  /** Clocks that change state by themselves before `before`, soonest first. */
  changingBefore(before: Instant, limit: number): Promise<ClockRow[]>;
  /**
   * Clocks settled in [from, to): breached in it, or met (stopped in time) or cancelled (the
   * ticket closed, in time, before the solution) in it.
   */
  settledBetween(from: Instant, to: Instant, customer?: CustomerId): Promise<ClockRow[]>;
  /** Clocks whose deadline falls in [from, to) or that were settled in it, by ticket. */
  touching(from: Instant, to: Instant, customer: CustomerId | undefined): Promise<ClockRow[]>;
  /** Clocks still running, warning or paused, counted by commitment and state. */
  openCounts(
    customer: CustomerId | undefined,
  ): Promise<Array<{ commitment: string; state: string; count: number }>>;
}
