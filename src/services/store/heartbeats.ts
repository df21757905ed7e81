import type { Instant } from '../../domain/time.js';

/** What a heartbeat's job says: it ran (success), it ran and failed, or it started. */
export type HeartbeatReportKind = 'success' | 'fail' | 'start';

export interface HeartbeatReport {
  readonly kind: HeartbeatReportKind;
  readonly at: Instant;
  /** The job's own words on a failure (already length-limited); null otherwise. */
  readonly message: string | null;
}

/** What the jobs behind heartbeat monitors last reported. */
export interface HeartbeatRepository {
  /** Keeps what a heartbeat's job reported; a report older than the latest one kept changes only the success time, if it is one. */
  record(monitorId: string, report: HeartbeatReport): Promise<void>;
  /** The job's latest success ping and its latest report of any kind; both absent before the first. */
  get(monitorId: string): Promise<{ lastPingAt?: Instant; latest?: HeartbeatReport }>;
}
