import type { Instant } from '../../domain/time.js';
import type { CustomerId } from '../../domain/ticket.js';

export interface Signal {
  readonly id: number;
  readonly at: Instant;
  readonly recordedAt: Instant;
  readonly type: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly commitment: string | null;
  readonly customer: CustomerId | null;
  readonly data: Readonly<Record<string, unknown>>;
}

export type NewSignal = Omit<Signal, 'id'> & { readonly dedupeKey: string };

export interface SignalRepository {
  /** Appends the signals not seen before (by dedupe key); returns those it appended. */
  append(signals: readonly NewSignal[]): Promise<Signal[]>;
  /** The stream after a cursor, oldest first. */
  after(
    cursor: number,
    limit: number,
    filter?: { customer?: CustomerId; subjectId?: string; subjectType?: string; type?: string },
  ): Promise<Signal[]>;
  /** Signals that happened in [from, to), oldest first. */
  between(
    from: Instant,
    to: Instant,
    filter: {
      customer?: CustomerId | undefined;
      types?: readonly string[] | undefined;
      /** The next page: signals after this one in (at, id) order. */
      after?: { at: Instant; id: number } | undefined;
    },
    limit: number,
  ): Promise<Signal[]>;
}
