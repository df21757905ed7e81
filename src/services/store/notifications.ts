import type { Instant } from '../../domain/time.js';
import type { Severity } from '../../policy/notifications.js';

export type NotificationStatus = 'pending' | 'sending' | 'delivered' | 'failed' | 'cancelled';

export interface NewNotification {
  /** One row per alert step and recipient: enqueueing twice keeps one. */
  readonly dedupeKey: string;
  readonly alertId: number | null;
  /** report: a scheduled report, its file kept with the run (report-schedules.ts). */
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
