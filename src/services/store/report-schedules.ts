import type { Instant } from '../../domain/time.js';

/** generating: claimed by an instance (until its lease ends); queued: the file is kept and its mails are in the outbox; failed: generation failed, retried at nextAttemptAt. */
export type ReportRunStatus = 'generating' | 'queued' | 'failed';

export interface ReportRunRecipient {
  /** person:ID or channel:NAME */
  readonly target: string;
  readonly name: string;
  readonly channels: readonly string[];
}

export interface ReportRun {
  readonly schedule: string;
  readonly period: string;
  readonly kind: string;
  readonly status: ReportRunStatus;
  /** Generation attempts so far. */
  readonly attempts: number;
  readonly dueAt: Instant;
  readonly nextAttemptAt: Instant | null;
  readonly leaseUntil: Instant | null;
  readonly generatedAt: Instant | null;
  readonly error: string | null;
  readonly fileName: string | null;
  readonly contentType: string | null;
  readonly size: number | null;
  readonly recipients: readonly ReportRunRecipient[];
  /** The outbox entries that carry it, one per recipient. */
  readonly notifications: readonly number[];
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
}

export type ReportRunPatch = Partial<
  Pick<
    ReportRun,
    | 'status'
    | 'attempts'
    | 'nextAttemptAt'
    | 'leaseUntil'
    | 'generatedAt'
    | 'error'
    | 'fileName'
    | 'contentType'
    | 'size'
    | 'recipients'
    | 'notifications'
  >
> & { readonly updatedAt: Instant };

export interface ReportScheduleRepository {
  get(schedule: string, period: string): Promise<ReportRun | undefined>;
  /** Records a new run as claimed by the caller; false when it exists already (another instance was first). */
  claimNew(
    run: Omit<
      ReportRun,
      'generatedAt' | 'error' | 'fileName' | 'contentType' | 'size' | 'notifications' | 'recipients'
    >,
  ): Promise<boolean>;
  /** Takes over a run whose lease has ended or whose retry is due; false when another instance did first. */
  reclaim(schedule: string, period: string, now: Instant, leaseUntil: Instant): Promise<boolean>;
  update(schedule: string, period: string, patch: ReportRunPatch): Promise<void>;
  /** Keeps the generated file with the run. */
  putFile(
    schedule: string,
    period: string,
    file: { name: string; contentType: string; content: Buffer },
  ): Promise<void>;
  file(
    schedule: string,
    period: string,
  ): Promise<{ name: string; contentType: string; content: Buffer } | undefined>;
  /** The outbox ids of notifications by their dedupe keys (those that exist). */
  outboxIds(dedupeKeys: readonly string[]): Promise<number[]>;
  /** Runs, newest due first. */
  list(query: { schedule?: string | undefined; limit: number }): Promise<ReportRun[]>;
}
