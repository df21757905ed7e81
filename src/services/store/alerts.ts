import type { Instant } from '../../domain/time.js';
import type { Severity } from '../../policy/notifications.js';

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
