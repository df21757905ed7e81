import type { Instant } from '../../domain/time.js';
import type { CustomerId, Recorder, TicketId } from '../../domain/ticket.js';

export type CorrectionAction = 'event_corrected' | 'event_removed' | 'history_replaced';

export interface NewCorrection {
  readonly ticketId: TicketId;
  readonly customer: CustomerId;
  readonly at: Instant;
  /** Who corrected it, as a label: the name given, else the token's. */
  readonly actor: string;
  /** The token (or user) that made the correction, whatever the label says. */
  readonly recordedBy?: Recorder | undefined;
  readonly reason: string;
  readonly action: CorrectionAction;
  /** The event corrected or removed (its number before the correction); null for a replaced history. */
  readonly seq: number | null;
  readonly before: Readonly<Record<string, unknown>>;
  readonly after: Readonly<Record<string, unknown>>;
  /** What changed downstream: breaches withdrawn and added, credit months recomputed. */
  readonly effects: Readonly<Record<string, unknown>>;
}

export interface StoredCorrection extends NewCorrection {
  readonly id: number;
}

export interface CorrectionRepository {
  insert(correction: NewCorrection): Promise<StoredCorrection>;
  /** Replaces what was recorded about the effects (known only after the credits are recomputed). */
  setEffects(id: number, effects: Readonly<Record<string, unknown>>): Promise<void>;
  /** A ticket's corrections, oldest first. */
  forTicket(ticketId: TicketId): Promise<StoredCorrection[]>;
  get(id: number): Promise<StoredCorrection | undefined>;
  /** Corrections made in [from, to), oldest first (for an audit of a period). */
  between(
    from: Instant,
    to: Instant,
    customer: CustomerId | undefined,
    limit: number,
  ): Promise<StoredCorrection[]>;
}
