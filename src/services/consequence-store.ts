import type { Instant } from '../domain/time.js';
import type { Severity } from '../policy/notifications.js';

/**
 * What the consequence services (alerts, notifications, credits) need from storage;
 * part of the Store (store.ts), declared here by its users, implemented in storage/.
 */

/** A reader's position in the signal stream, moved atomically with what it produced. */
export interface CursorRepository {
  get(name: string): Promise<number>;
  /** Moves the cursor from `from` to `to`; false when another reader moved it first. */
  advance(name: string, from: number, to: number): Promise<boolean>;
}

export type AlertStatus = 'triggered' | 'acknowledged' | 'resolved';

export interface NewAlert {
  /** Open alerts with the same key absorb repeats of their signal (one alert, not many). */
  readonly key: string;
  /** subject and commitment: what recoveries and supersession match on. */
  readonly cause: string;
  readonly signalId: number;
  readonly type: string;
  readonly severity: Severity;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly commitment: string | null;
  readonly customer: string | null;
  readonly service: string | null;
  readonly route: string;
  readonly escalation: string;
  readonly channels: readonly string[];
  readonly startLevel: number;
  readonly expedite: boolean;
  readonly summary: string;
  readonly openedAt: Instant;
  readonly nextAt: Instant | null;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface StoredAlert extends NewAlert {
  readonly id: number;
  readonly status: AlertStatus;
  /** Escalation steps taken (see escalation/timeline.ts). */
  readonly steps: number;
  /** The level paged last, or null before the first page. */
  readonly level: number | null;
  readonly signalCount: number;
  readonly lastSignalAt: Instant;
  readonly acknowledgedAt: Instant | null;
  readonly acknowledgedBy: string | null;
  readonly resolvedAt: Instant | null;
  readonly resolution: string | null;
  readonly updatedAt: Instant;
}

export type AlertPatch = Partial<
  Pick<
    StoredAlert,
    | 'status'
    | 'steps'
    | 'level'
    | 'nextAt'
    | 'signalCount'
    | 'lastSignalAt'
    | 'acknowledgedAt'
    | 'acknowledgedBy'
    | 'resolvedAt'
    | 'resolution'
  >
> & { readonly updatedAt: Instant };

export interface AlertLogEntry {
  readonly alertId: number;
  readonly at: Instant;
  /** opened, repeated, paged, acknowledged, resolved, superseded, failed_over, undeliverable … */
  readonly kind: string;
  readonly message: string;
  readonly data?: Readonly<Record<string, unknown>> | undefined;
}

export interface AlertQuery {
  readonly statuses?: readonly AlertStatus[] | undefined;
  readonly customer?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

export interface AlertRepository {
  insert(alert: NewAlert): Promise<StoredAlert>;
  get(id: number, options?: { lock?: boolean }): Promise<StoredAlert | undefined>;
  findOpenByKey(key: string): Promise<StoredAlert | undefined>;
  findOpenByCause(cause: string): Promise<StoredAlert[]>;
  /** Applies a change if the alert is still at `steps` escalation steps and not resolved (two instances never page twice). */
  update(
    id: number,
    patch: AlertPatch,
    expect?: { steps?: number; statuses?: readonly AlertStatus[] },
  ): Promise<boolean>;
  /** Triggered alerts with a step due before `now`, soonest first. */
  due(now: Instant, limit: number): Promise<StoredAlert[]>;
  /** Open (triggered or acknowledged) alerts about subjects of a type, oldest first. */
  openAbout(subjectType: string, limit: number): Promise<StoredAlert[]>;
  list(query: AlertQuery): Promise<{ alerts: StoredAlert[]; total: number }>;
  log(entry: AlertLogEntry): Promise<void>;
  logOf(alertId: number): Promise<AlertLogEntry[]>;
}

export type NotificationStatus = 'pending' | 'sending' | 'delivered' | 'failed' | 'cancelled';

export interface NewNotification {
  /** One row per alert step and recipient: enqueueing twice keeps one. */
  readonly dedupeKey: string;
  readonly alertId: number | null;
  /** report: a scheduled report, its file kept with the run (report-schedule-store.ts). */
  readonly kind: 'page' | 'resolved' | 'test' | 'notice' | 'report';
  readonly recipient: string | null;
  readonly recipientName: string | null;
  readonly channels: readonly string[];
  readonly language: string | null;
  readonly template: string;
  readonly context: Readonly<Record<string, unknown>>;
  readonly severity: Severity;
  /** Not before this instant (quiet hours defer a page). */
  readonly notBefore: Instant;
  readonly createdAt: Instant;
}

export interface StoredNotification extends NewNotification {
  readonly id: number;
  readonly status: NotificationStatus;
  /** Which of `channels` is being tried. */
  readonly channelIndex: number;
  /** Attempts on the current channel, and on all. */
  readonly attempts: number;
  readonly totalAttempts: number;
  readonly nextAttemptAt: Instant;
  readonly leaseUntil: Instant | null;
  readonly deliveredAt: Instant | null;
  readonly deliveredVia: string | null;
  readonly lastError: string | null;
  /** Fall-overs so far, for the message ("sent by e-mail because DingTalk failed: …"). */
  readonly notes: readonly string[];
}

export type NotificationPatch = Partial<
  Pick<
    StoredNotification,
    | 'status'
    | 'channelIndex'
    | 'attempts'
    | 'totalAttempts'
    | 'nextAttemptAt'
    | 'leaseUntil'
    | 'deliveredAt'
    | 'deliveredVia'
    | 'lastError'
    | 'notes'
  >
>;

export interface DeliveryAttempt {
  readonly notificationId: number;
  readonly attempt: number;
  readonly channel: string;
  readonly at: Instant;
  readonly durationMs: number;
  readonly outcome: 'delivered' | 'failed' | 'skipped' | 'interrupted';
  readonly detail: string;
}

export interface NotificationQuery {
  readonly alertId?: number | undefined;
  readonly statuses?: readonly NotificationStatus[] | undefined;
  readonly limit: number;
  readonly offset: number;
}

export interface NotificationRepository {
  /** Inserts those not enqueued before (by dedupe key); returns how many were new. */
  enqueue(rows: readonly NewNotification[]): Promise<number>;
  /** Takes up to `limit` due notifications (pending, or sending with an expired lease) for `owner` until `leaseUntil`. */
  claimDue(
    now: Instant,
    limit: number,
    leaseUntil: Instant,
    owner: string,
  ): Promise<StoredNotification[]>;
  get(id: number): Promise<StoredNotification | undefined>;
  /** Applies a change if `owner` still holds the lease (or, without owner, unconditionally). */
  update(id: number, patch: NotificationPatch, owner?: string): Promise<boolean>;
  /** Cancels the alert's undelivered pages; returns how many. */
  cancelPending(alertId: number, reason: string): Promise<number>;
  recordAttempt(attempt: DeliveryAttempt): Promise<void>;
  attemptsOf(ids: readonly number[]): Promise<DeliveryAttempt[]>;
  list(query: NotificationQuery): Promise<{ notifications: StoredNotification[]; total: number }>;
  /** Pages of the alert that reached someone (for resolution notices). */
  deliveredFor(alertId: number): Promise<StoredNotification[]>;
}

export interface CreditLineRow {
  readonly month: string;
  readonly customer: string;
  /** Stable per month and customer: "ticket:12:C-01", "uptime:C-05". */
  readonly key: string;
  readonly commitment: string;
  readonly consequence: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly dueAt: Instant | null;
  readonly breachedAt: Instant | null;
  readonly amountMinor: number;
  readonly currency: string;
  readonly status: 'active' | 'void';
  /** Everything the amount was computed from: fee, percentage, uptime, stop time, incidents. */
  readonly evidence: Readonly<Record<string, unknown>>;
  readonly updatedAt: Instant;
}

export interface CreditAuditRow {
  readonly month: string;
  readonly customer: string;
  readonly key: string;
  readonly at: Instant;
  readonly action: 'added' | 'changed' | 'voided' | 'restored';
  readonly before: Readonly<Record<string, unknown>> | null;
  readonly after: Readonly<Record<string, unknown>> | null;
  readonly reason: string;
  readonly actor: string;
}

export interface CreditRepository {
  lines(month: string, customer?: string): Promise<CreditLineRow[]>;
  /** Inserts or replaces the line with the same month, customer and key. */
  put(line: CreditLineRow): Promise<void>;
  audit(row: CreditAuditRow): Promise<void>;
  auditOf(month: string, customer?: string): Promise<CreditAuditRow[]>;
}
