import type { Generated } from 'kysely';
import type { AuditTables } from './audit-tables.js';
import type { AvailabilityTables } from './availability-tables.js';
import type {
  AlertLogTable,
  AlertsTable,
  CreditAuditTable,
  CreditLinesTable,
  NotificationAttemptsTable,
  NotificationsTable,
  SignalCursorsTable,
} from './consequence-tables.js';

/**
 * The tables, as Kysely sees them. Instants are epoch milliseconds in BIGINT columns and
 * flags are 0/1 integers, so both databases store exactly the same values.
 */
export interface Database extends AvailabilityTables, AuditTables {
  customers: CustomersTable;
  tickets: TicketsTable;
  ticket_events: TicketEventsTable;
  ticket_clocks: TicketClocksTable;
  signals: SignalsTable;
  tokens: TokensTable;
  meta: MetaTable;
  metric_series: MetricSeriesTable;
  metric_rollups: MetricRollupsTable;
  metric_minute_blocks: MetricMinuteBlocksTable;
  metric_sketches: MetricSketchesTable;
  metric_points: MetricPointsTable;
  signal_cursors: SignalCursorsTable;
  alerts: AlertsTable;
  alert_log: AlertLogTable;
  notifications: NotificationsTable;
  notification_attempts: NotificationAttemptsTable;
  credit_lines: CreditLinesTable;
  credit_audit: CreditAuditTable;
  improvement_items: ImprovementItemsTable;
  improvement_reviews: ImprovementReviewsTable;
  report_runs: ReportRunsTable;
  ticket_corrections: TicketCorrectionsTable;
  report_schedule_runs: ReportScheduleRunsTable;
  assessments: AssessmentsTable;
  policy_versions: PolicyVersionsTable;
  month_events: MonthEventsTable;
}

export interface MetricSeriesTable {
  /** Dense, assigned by the series registry (not by the database), so memory and storage agree. */
  id: number;
  key: string;
  measurement: string;
  tags: string; // JSON
  field: string;
  created_at: number;
}

export interface MetricRollupsTable {
  series_id: number;
  resolution: number; // bucket width in ms: 60000 or 3600000
  bucket: number; // bucket start, epoch ms
  count: number;
  sum: number;
  min: number;
  max: number;
  last: number;
  last_at: number;
  score_max: number;
}

export interface CustomersTable {
  id: string;
  name: string;
  plan: string | null;
  monthly_fee_minor: number;
  currency: string;
  overrides: string; // JSON: commitment id → { target }
  created_at: number;
}

export interface TicketsTable {
  id: Generated<number>;
  customer_id: string;
  kind: string; // current, after reclassification
  priority: string;
  created_kind: string; // as created
  created_priority: string;
  channel: string;
  subject: string;
  body: string;
  external_id: string | null;
  recorded_by: string | null;
  recorded_by_name: string | null;
  recorded_at: number | null;
  status: string;
  created_at: number;
  updated_at: number;
  /** Derived from the clocks, for queue order: any clock breached, the earliest deadline ahead. */
  breached: number;
  next_due_at: number | null;
  last_event_at: number;
  event_count: number;
  /** Set while a breach of a commitment with an expedite consequence stands: first in every queue. */
  expedited_at: number | null;
  /** Bumped on every summary update: what a closed month's cached compliance facts are checked against. */
  revision: Generated<number>;
}

export interface TicketEventsTable {
  ticket_id: number;
  seq: number;
  type: string;
  at: number;
  recorded_at: number;
  recorded_by: string | null;
  recorded_by_name: string | null;
  late: number | null;
  actor: string | null;
  note: string | null;
  rating: number | null;
  kind: string | null;
  priority: string | null;
}

export interface TicketClocksTable {
  ticket_id: number;
  commitment: string;
  customer_id: string;
  state: string;
  target_ms: number;
  due_at: number | null;
  stopped_at: number | null;
  breached_at: number | null;
  /** The next moment the clock changes by itself (a warning or its breach); indexed for the sweep. */
  next_at: number | null;
  warned: number; // how many warning thresholds have passed
}

export interface SignalsTable {
  id: Generated<number>;
  /** When it happened (a breach's deadline), not when it was noticed. */
  at: number;
  recorded_at: number;
  type: string;
  subject_type: string;
  subject_id: string;
  commitment: string | null;
  customer_id: string | null;
  data: string; // JSON
  /** Makes emitting idempotent: the same breach is recorded once however often it is seen. */
  dedupe_key: string;
}

export interface TokensTable {
  id: string;
  hash: string;
  role: string;
  customer_id: string | null;
  name: string | null;
  created_at: number;
  revoked_at: number | null;
}

export interface MetaTable {
  key: string;
  value: string;
}

/** Closed minutes of one series and hour as a flush saw them (storage/minute-blocks.ts), appended, never updated. */
export interface MetricMinuteBlocksTable {
  id: Generated<number>;
  series_id: number;
  hour: number;
  data: Uint8Array;
}

export interface MetricSketchesTable {
  series_id: number;
  bucket: number;
  /** QuantileSketch.toBytes() */
  data: Uint8Array;
}

export interface MetricPointsTable {
  series_id: number;
  t: number;
  v: number;
}

export interface ImprovementItemsTable {
  id: Generated<number>;
  month: string;
  title: string;
  description: string;
  owner: string;
  due_date: string;
  status: string;
  links: string; // JSON
  created_at: number;
  updated_at: number;
  created_by: string;
}

export interface ImprovementReviewsTable {
  item_id: number;
  quarter: string;
  effect: string;
  note: string;
  reviewer: string;
  reviewed_at: number;
}

export interface ReportRunsTable {
  kind: string;
  period: string;
  generated_at: number;
  delivered_to: string; // JSON
}

export interface TicketCorrectionsTable {
  id: Generated<number>;
  ticket_id: number;
  customer_id: string;
  at: number;
  actor: string;
  reason: string;
  action: string;
  seq: number | null;
  before: string; // JSON
  after: string; // JSON
  effects: string; // JSON
  recorded_by: string | null;
  recorded_by_name: string | null;
}

export interface ReportScheduleRunsTable {
  schedule: string;
  period: string;
  kind: string;
  status: string;
  attempts: number;
  due_at: number;
  next_attempt_at: number | null;
  lease_until: number | null;
  generated_at: number | null;
  error: string | null;
  file_name: string | null;
  content_type: string | null;
  content: string | null; // base64
  size: number | null;
  recipients: string; // JSON
  notifications: string; // JSON
  created_at: number;
  updated_at: number;
}

export interface AssessmentsTable {
  id: Generated<number>;
  period: string;
  assessor: string;
  organisation: string;
  scope: string;
  findings: string; // JSON: [{ severity, title, detail? }]
  verdict: string;
  date: string;
  recorded_by: string;
  recorded_by_name: string | null;
  recorded_at: number;
}

/** A policy Surety was started with, whose text differed from the version before. */
export interface PolicyVersionsTable {
  id: Generated<number>;
  hash: string;
  text: string;
  effective_from: number;
  loaded_at: number;
  loaded_by: string;
  loaded_by_name: string | null;
}

/** A month closed (its statement issued) or reopened: who, when and why. */
export interface MonthEventsTable {
  id: Generated<number>;
  month: string;
  action: string; // closed | reopened
  reason: string;
  at: number;
  actor: string;
  actor_name: string | null;
}
