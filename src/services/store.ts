import type { Customer } from '../domain/customer.js';
import type {
  AgentRepository,
  CheckupRepository,
  IncidentRepository,
  MaintenanceRepository,
  MonitorRepository,
} from './availability/store.js';
import type {
  AlertRepository,
  CreditRepository,
  CursorRepository,
  NotificationRepository,
} from './consequence-store.js';
import type { CorrectionRepository } from './correction-store.js';
import type { ReportScheduleRepository } from './report-schedule-store.js';
import type {
  ImprovementItem,
  ImprovementReview,
  ImprovementStatus,
} from '../domain/improvement.js';
import type { RollupColumns } from '../evaluate/metrics/rollup-columns.js';
import type { Instant } from '../domain/time.js';
import type {
  CustomerId,
  Priority,
  TicketEvent,
  TicketId,
  TicketKind,
  TicketRecord,
  TicketStatus,
} from '../domain/ticket.js';

/**
 * What the services need from storage. Declared here, by its user; storage/ implements it
 * for SQLite and PostgreSQL, and one contract test suite runs against both.
 */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  readonly customers: CustomerRepository;
  readonly tickets: TicketRepository;
  readonly clocks: ClockRepository;
  readonly signals: SignalRepository;
  readonly tokens: TokenRepository;
  readonly meta: MetaRepository;
  readonly metrics: MetricRepository;
  readonly monitors: MonitorRepository;
  readonly incidents: IncidentRepository;
  readonly maintenance: MaintenanceRepository;
  readonly agents: AgentRepository;
  readonly checkups: CheckupRepository;
  readonly cursors: CursorRepository;
  readonly alerts: AlertRepository;
  readonly notifications: NotificationRepository;
  readonly credits: CreditRepository;
  readonly improvements: ImprovementRepository;
  readonly reports: ReportRepository;
  readonly corrections: CorrectionRepository;
  readonly reportSchedules: ReportScheduleRepository;
  /**
   * Runs `work` atomically: everything it wrote is kept, or (if it throws) none of it.
   * Writes that must agree with what they read go through here.
   */
  transaction<T>(work: (tx: Store) => Promise<T>): Promise<T>;
  /** Refreshes the planner's statistics (after bulk loads; PostgreSQL plans badly without them). */
  optimize(): Promise<void>;
  close(): Promise<void>;
}

export interface CustomerRepository {
  insert(customer: Customer): Promise<void>;
  upsert(customer: Customer): Promise<void>;
  get(id: CustomerId): Promise<Customer | undefined>;
  list(): Promise<Customer[]>;
}

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
  /** Ids of tickets created in [from, to) whose current kind is one of `kinds`, oldest first. */
  idsCreated(
    from: Instant,
    to: Instant,
    kinds: readonly TicketKind[],
    customer: CustomerId | undefined,
    limit: number,
  ): Promise<Array<{ ticketId: TicketId; customer: CustomerId }>>;
}

/** A clock as stored for indexing; the live clock is always recomputed from the history. */
export interface ClockRow {
  readonly ticketId: TicketId;
  readonly commitment: string;
  readonly customer: CustomerId;
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
  /** Clocks settled in [from, to): breached in it, or met (stopped in time) in it. */
  settledBetween(from: Instant, to: Instant, customer?: CustomerId): Promise<ClockRow[]>;
}

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
}

export interface StoredToken {
  readonly id: string;
  readonly hash: string;
  readonly role: 'admin' | 'agent' | 'customer' | 'probe';
  readonly customer: CustomerId | null;
  readonly name: string | null;
  readonly createdAt: Instant;
  readonly revokedAt: Instant | null;
}

export interface TokenRepository {
  insert(token: StoredToken): Promise<void>;
  findByHash(hash: string): Promise<StoredToken | undefined>;
  list(): Promise<StoredToken[]>;
  revoke(id: string, at: Instant): Promise<boolean>;
  countActive(role: StoredToken['role']): Promise<number>;
}

export interface MetaRepository {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

export interface MetricSeriesRow {
  readonly id: number;
  readonly key: string;
  readonly measurement: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly field: string;
  readonly createdAt: Instant;
}

/** A rollup bucket as stored: the sum of every delta flushed into it. */
export interface RollupRow {
  readonly series: number;
  readonly resolution: number;
  readonly bucket: Instant;
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
  readonly last: number;
  readonly lastAt: number;
  readonly scoreMax: number;
}

export interface SeriesQuery {
  readonly measurement?: string | undefined;
  readonly field?: string | undefined;
  /** Every tag given must match. */
  readonly tags?: Readonly<Record<string, string>> | undefined;
  readonly limit: number;
}

export interface MetricRepository {
  /** Every series key with its id, in id order (the registry reloads from it). */
  allSeriesKeys(): Promise<Array<{ id: number; key: string }>>;
  /** Stores new series by their keys (measurement, tags and field are read from the key). */
  insertSeries(
    rows: ReadonlyArray<{ readonly id: number; readonly key: string }>,
    createdAt: Instant,
  ): Promise<void>;
  findSeries(query: SeriesQuery): Promise<MetricSeriesRow[]>;
  findSeriesById(ids: readonly number[]): Promise<MetricSeriesRow[]>;
  /** Adds deltas to their buckets: counts and sums add up, extremes widen, the latest value wins. */
  mergeRollups(rows: RollupColumns): Promise<void>;
  rollups(series: number, resolution: number, from: Instant, to: Instant): Promise<RollupRow[]>;
  /** Appends minute sketch deltas (a minute may get several; readers merge them). */
  appendSketches(
    deltas: ReadonlyArray<{ series: number; bucket: Instant; data: Uint8Array }>,
  ): Promise<void>;
  /** Every sketch delta of a series' minutes in [from, to), oldest first. */
  sketches(
    series: number,
    from: Instant,
    to: Instant,
  ): Promise<Array<{ bucket: Instant; data: Uint8Array }>>;
  insertPoints(points: {
    readonly count: number;
    readonly series: Int32Array;
    readonly times: Float64Array;
    readonly values: Float64Array;
  }): Promise<void>;
  /** Deletes raw points older than `before`; returns how many. */
  deletePointsBefore(before: Instant): Promise<number>;
  points(
    series: number,
    from: Instant,
    to: Instant,
    limit: number,
  ): Promise<Array<{ t: number; v: number }>>;
}

export type NewImprovement = Omit<ImprovementItem, 'id' | 'reviews'>;

export interface ImprovementQuery {
  readonly month?: string | undefined;
  /** Items of plans from this month up to `toMonth`, inclusive ("2026-10".."2026-12" is a quarter). */
  readonly fromMonth?: string | undefined;
  readonly toMonth?: string | undefined;
  readonly statuses?: readonly ImprovementStatus[] | undefined;
  readonly limit: number;
}

export interface ImprovementRepository {
  insert(item: NewImprovement): Promise<number>;
  get(id: number, options?: { lock?: boolean }): Promise<ImprovementItem | undefined>;
  list(query: ImprovementQuery): Promise<ImprovementItem[]>;
  update(id: number, item: ImprovementItem): Promise<void>;
  /** Adds the quarter's review, or replaces it if that quarter was reviewed already. */
  putReview(id: number, review: ImprovementReview): Promise<void>;
}

/** Reads the reports need beyond the other repositories, and the record of generated reports. */
export interface ReportRepository {
  /** Ids of tickets created in [from, to), oldest first. */
  ticketIdsCreated(
    from: Instant,
    to: Instant,
    customer: CustomerId | undefined,
    limit: number,
  ): Promise<TicketId[]>;
  /** Ids of tickets not closed or resolved (new, open, waiting) created before `before`. */
  openTicketIds(
    before: Instant,
    customer: CustomerId | undefined,
    limit: number,
  ): Promise<TicketId[]>;
  /** Signals that happened in [from, to), oldest first. */
  signalsBetween(
    from: Instant,
    to: Instant,
    filter: { customer?: CustomerId | undefined; types?: readonly string[] | undefined },
    limit: number,
  ): Promise<Signal[]>;
  /** Clocks whose deadline falls in [from, to) or that were settled in it, by ticket. */
  clocksTouching(from: Instant, to: Instant, customer: CustomerId | undefined): Promise<ClockRow[]>;
  /** Clocks still running, warning or paused, counted by commitment and state. */
  openClockCounts(
    customer: CustomerId | undefined,
  ): Promise<Array<{ commitment: string; state: string; count: number }>>;
  recordRun(run: {
    kind: string;
    period: string;
    generatedAt: Instant;
    deliveredTo: readonly string[];
  }): Promise<void>;
  lastRun(kind: string): Promise<{ period: string; generatedAt: Instant } | undefined>;
}
