import type { Instant } from '../../domain/time.js';
import type {
  CustomerId,
  Priority,
  TicketEvent,
  TicketId,
  TicketKind,
  Recorder,
  TicketRecord,
  TicketStatus,
} from '../../domain/ticket.js';

/** A ticket as stored: its history plus the figures derived from it. */
export interface StoredTicket extends TicketRecord {
  readonly status: TicketStatus;
  /** Kind and priority as they are now (a classification may have changed them). */
  readonly currentKind: TicketKind;
  readonly currentPriority: Priority;
  readonly updatedAt: Instant;
  readonly breached: boolean;
  readonly nextDueAt: Instant | null;
  /** When the expedite channel opened (a breach whose commitment expedites), if it did. */
  readonly expeditedAt?: Instant | null | undefined;
}

export interface NewTicket {
  readonly customer: CustomerId;
  readonly kind: TicketKind;
  readonly priority: Priority;
  readonly channel: string;
  readonly subject: string;
  readonly body: string;
  readonly externalId?: string | undefined;
  readonly createdAt: Instant;
  readonly recordedBy?: Recorder | undefined;
  readonly recordedAt?: Instant | undefined;
}

export interface TicketSummary {
  readonly status: TicketStatus;
  readonly currentKind: TicketKind;
  readonly currentPriority: Priority;
  readonly breached: boolean;
  readonly nextDueAt: Instant | null;
  readonly updatedAt: Instant;
  /** Omitted by writers that do not know it; stored as null then. */
  readonly expeditedAt?: Instant | null | undefined;
}

export interface TicketListQuery {
  readonly customer?: CustomerId | undefined;
  readonly statuses?: readonly TicketStatus[] | undefined;
  readonly kind?: TicketKind | undefined;
  readonly priority?: Priority | undefined;
  readonly breached?: boolean | undefined;
  readonly expedited?: boolean | undefined;
  /** "queue": expedited first, then breached, then the nearest deadline; "newest": by creation, newest first. */
  readonly order: 'queue' | 'newest';
  readonly limit: number;
  readonly offset: number;
}

export interface TicketEventRow {
  readonly ticketId: TicketId;
  readonly customer: CustomerId;
  readonly kind: TicketKind;
  readonly priority: Priority;
  readonly channel: string;
  readonly type: TicketEvent['type'];
  readonly at: Instant;
  readonly rating: number | null;
}

export interface CreatedCount {
  readonly customer: CustomerId;
  readonly kind: TicketKind;
  readonly channel: string;
  readonly count: number;
}

export interface TicketRepository {
  insert(ticket: NewTicket, summary: TicketSummary): Promise<TicketId>;
  /** Inserts many tickets with their histories in few statements (imports); ids in input order. */
  insertMany(
    items: ReadonlyArray<{
      ticket: NewTicket;
      summary: TicketSummary;
      events: readonly TicketEvent[];
    }>,
  ): Promise<TicketId[]>;
  /** With `lock`, holds the row against concurrent writers until the transaction ends. */
  get(id: TicketId, options?: { lock?: boolean }): Promise<StoredTicket | undefined>;
  /** Tickets by id (in id order); with `lock`, held like `get` does. */
  getMany(ids: readonly TicketId[], options?: { lock?: boolean }): Promise<StoredTicket[]>;
  findByExternalId(customer: CustomerId, externalId: string): Promise<TicketId | undefined>;
  appendEvents(id: TicketId, events: readonly TicketEvent[]): Promise<void>;
  /** Replaces a ticket's attributes and whole history (a correction); the summary is updated separately. */
  replaceHistory(id: TicketId, ticket: NewTicket, events: readonly TicketEvent[]): Promise<void>;
  /** Also bumps the ticket's revision (see revisionsBefore). */
  updateSummary(id: TicketId, summary: TicketSummary): Promise<void>;
  /**
   * How many tickets were created before `before`, and the sum of their revisions: unchanged
   * exactly when none of them was written since (every write bumps a revision).
   */
  revisionsBefore(
    before: Instant,
    customer: CustomerId | undefined,
  ): Promise<{ count: number; revision: number }>;
  /** Which of the tickets have an event of the type. */
  idsWithEvent(ids: readonly TicketId[], type: TicketEvent['type']): Promise<Set<TicketId>>;
  list(query: TicketListQuery): Promise<{ tickets: StoredTicket[]; total: number }>;
  /** Ids of tickets in the given statuses after a cursor, ascending: for walking every open ticket. */
  idsWithStatus(
    statuses: readonly TicketStatus[],
    afterId: TicketId,
    limit: number,
  ): Promise<TicketId[]>;
  /** Events of the given types that happened in [from, to), with their ticket's attributes. */
  eventsBetween(
    types: readonly TicketEvent['type'][],
    from: Instant,
    to: Instant,
    customer?: CustomerId,
  ): Promise<TicketEventRow[]>;
  /** Tickets created in [from, to), counted by customer, current kind and channel. */
  countCreated(from: Instant, to: Instant, customer?: CustomerId): Promise<CreatedCount[]>;
  /**
   * Ids of tickets created in [from, to), oldest first; with `kinds`, only those whose current
   * kind is one of them.
   */
  idsCreated(
    from: Instant,
    to: Instant,
    kinds: readonly TicketKind[] | undefined,
    customer: CustomerId | undefined,
    limit: number,
    /** The next page: tickets after this one in (createdAt, id) order. */
    after?: { createdAt: Instant; id: TicketId },
  ): Promise<Array<{ ticketId: TicketId; customer: CustomerId; createdAt: Instant }>>;
  /** Ids of tickets created in [from, to) after a cursor, ascending: for walking a period's tickets. */
  idsCreatedSince(
    from: Instant,
    to: Instant,
    afterId: TicketId,
    limit: number,
  ): Promise<TicketId[]>;
  /** When the oldest ticket was created; undefined without tickets. */
  firstCreatedAt(): Promise<Instant | undefined>;
  /** Ids of tickets not closed or resolved (new, open, waiting) created before `before`, by id. */
  openIds(before: Instant, customer: CustomerId | undefined, limit: number): Promise<TicketId[]>;
  /** Ids of tickets with a late event (`late`) dated in [from, to), by id. */
  idsWithLateEvents(
    from: Instant,
    to: Instant,
    customer: CustomerId | undefined,
    limit: number,
  ): Promise<TicketId[]>;
}
