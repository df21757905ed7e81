import type { Incident, IncidentEvent, IncidentState } from '../../domain/incident.js';
import type { Instant } from '../../domain/time.js';

/**
 * What the availability services need from storage; declared here, by their user, and
 * implemented in storage/ for both databases (one contract suite runs against each).
 */

export interface MonitorRow {
  readonly id: string;
  readonly service: string;
  readonly customer: string | null;
  readonly type: string;
  /** The definition as written (policy or API), compiled again wherever it is used. */
  readonly definition: Readonly<Record<string, unknown>>;
  readonly locations: readonly string[];
  readonly source: 'policy' | 'api';
  readonly pingKey: string | null;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
  readonly removedAt: Instant | null;
}

export type MonitorStatusName = 'pending' | 'up' | 'failing' | 'down';

/** One monitor at one location: where its state machine stands and what the last check said. */
export interface MonitorStateRow {
  readonly monitorId: string;
  readonly location: string;
  readonly status: MonitorStatusName;
  readonly since: Instant | null;
  readonly failures: number;
  readonly detectedAt: Instant | null;
  readonly lastAt: Instant | null;
  readonly lastOk: boolean | null;
  readonly lastCause: string | null;
  readonly lastMessage: string | null;
  readonly lastLatencyMs: number | null;
  readonly lastWarning: string | null;
}

export interface DowntimeRow {
  readonly id: number;
  readonly monitorId: string;
  readonly location: string;
  readonly service: string;
  readonly from: Instant;
  /** Null while still down. */
  readonly to: Instant | null;
  readonly cause: string;
  readonly message: string;
}

export interface CheckHourDelta {
  readonly monitorId: string;
  readonly location: string;
  readonly hour: Instant;
  readonly checks: number;
  readonly failures: number;
  readonly latencySum: number;
  readonly latencyMax: number;
}

/** What a heartbeat's job says: it ran (success), it ran and failed, or it started. */
export type HeartbeatReportKind = 'success' | 'fail' | 'start';

export interface HeartbeatReport {
  readonly kind: HeartbeatReportKind;
  readonly at: Instant;
  /** The job's own words on a failure (already length-limited); null otherwise. */
  readonly message: string | null;
}

export interface MonitorRepository {
  upsert(row: MonitorRow): Promise<void>;
  get(id: string): Promise<MonitorRow | undefined>;
  /** Monitors not removed; with `includeRemoved`, those too (history keeps them). */
  list(filter?: {
    service?: string;
    customer?: string;
    includeRemoved?: boolean;
  }): Promise<MonitorRow[]>;
  getMany(ids: readonly string[]): Promise<MonitorRow[]>;
  byPingKey(key: string): Promise<MonitorRow | undefined>;
  /** The newest updated_at (or removal) of any monitor: the prober reloads when it moves. */
  version(): Promise<number>;

  states(monitorIds: readonly string[], location?: string): Promise<MonitorStateRow[]>;
  saveStates(rows: readonly MonitorStateRow[]): Promise<void>;
  addCheckHours(deltas: readonly CheckHourDelta[]): Promise<void>;
  checkHours(monitorId: string, from: Instant, to: Instant): Promise<CheckHourDelta[]>;
  /** Drops hourly counts older than `before`; returns how many rows went. */
  pruneCheckHours(before: Instant): Promise<number>;

  openDowntime(row: Omit<DowntimeRow, 'id' | 'to'>): Promise<void>;
  closeDowntime(monitorId: string, location: string, to: Instant): Promise<void>;
  /** Downtimes of a service that overlap [from, to) (open ones included). */
  downtimes(service: string, from: Instant, to: Instant): Promise<DowntimeRow[]>;
  /** Services with any downtime overlapping [from, to). */
  servicesDownBetween(from: Instant, to: Instant): Promise<string[]>;

  /** Keeps what a heartbeat's job reported; a report older than the latest one kept changes only the success time, if it is one. */
  recordHeartbeat(monitorId: string, report: HeartbeatReport): Promise<void>;
  /** The job's latest success ping and its latest report of any kind; both absent before the first. */
  heartbeat(monitorId: string): Promise<{ lastPingAt?: Instant; latest?: HeartbeatReport }>;

  serviceState(service: string): Promise<{ state: 'up' | 'down'; since: Instant } | undefined>;
  setServiceState(service: string, state: 'up' | 'down', since: Instant): Promise<void>;
  burnStates(service: string): Promise<Array<{ rule: string; since: Instant }>>;
  servicesBurning(): Promise<string[]>;
  setBurnState(service: string, rule: string, since: Instant | null): Promise<void>;
}

export interface NewIncident {
  readonly service: string;
  readonly customer: string | null;
  readonly title: string;
  readonly origin: 'monitor' | 'manual';
  readonly detectedAt: Instant;
  readonly createdAt: Instant;
}

export interface IncidentQuery {
  readonly service?: string | undefined;
  readonly customer?: string | undefined;
  readonly states?: readonly IncidentState[] | undefined;
  readonly limit: number;
  readonly offset: number;
}

export interface IncidentRepository {
  insert(incident: NewIncident): Promise<number>;
  get(id: number, options?: { lock?: boolean }): Promise<Incident | undefined>;
  list(query: IncidentQuery): Promise<{ incidents: Incident[]; total: number }>;
  /** The unresolved incident of a service, the newest if several. */
  openFor(service: string): Promise<Incident | undefined>;
  appendEvent(id: number, event: IncidentEvent): Promise<void>;
  update(
    id: number,
    fields: {
      state: IncidentState;
      acknowledgedAt: Instant | null;
      mitigatedAt: Instant | null;
      resolvedAt: Instant | null;
    },
  ): Promise<void>;
  /** Unresolved incidents, and those resolved at or after `since` (their clocks may still settle). */
  active(since: Instant): Promise<Incident[]>;
  /** Incidents detected before `to` and not resolved before `from`: those a window can see. */
  overlapping(
    from: Instant,
    to: Instant,
    filter?: { service?: string; customer?: string },
  ): Promise<Incident[]>;
}

export interface MaintenanceRow {
  readonly id: number;
  readonly service: string | null;
  readonly title: string;
  readonly kind: 'once' | 'recurring';
  readonly spec: string | null;
  readonly from: Instant | null;
  readonly to: Instant | null;
  readonly declaredAt: Instant;
  readonly until: Instant | null;
  readonly source: 'api' | 'policy';
  readonly policyKey: string | null;
  readonly createdBy: string | null;
  readonly cancelledAt: Instant | null;
}

export interface MaintenanceRepository {
  insert(row: Omit<MaintenanceRow, 'id'>): Promise<number>;
  get(id: number): Promise<MaintenanceRow | undefined>;
  /** Windows that are not cancelled (with `all`, cancelled too), for a service (and the every-service ones). */
  list(filter?: { service?: string; all?: boolean }): Promise<MaintenanceRow[]>;
  /** Ends a window: a recurring one stops recurring at `at`, a one-off is cut at `at` (or dropped if not begun). */
  cancel(id: number, at: Instant): Promise<void>;
}

export interface AgentRow {
  readonly location: string;
  readonly firstSeenAt: Instant;
  readonly lastSeenAt: Instant;
  readonly silentSince: Instant | null;
  readonly version: string | null;
}

export interface AgentRepository {
  get(location: string): Promise<AgentRow | undefined>;
  list(): Promise<AgentRow[]>;
  save(row: AgentRow): Promise<void>;
  openSilence(location: string, from: Instant): Promise<void>;
  closeSilence(location: string, to: Instant): Promise<void>;
  /** Silences of the locations that overlap [from, to). */
  silences(
    locations: readonly string[],
    from: Instant,
    to: Instant,
  ): Promise<Array<{ location: string; from: Instant; to: Instant | null }>>;
  bindToken(tokenId: string, location: string): Promise<void>;
  tokenLocation(tokenId: string): Promise<string | undefined>;
}

export interface CheckupRun {
  readonly id: number;
  readonly kind: 'health' | 'stress';
  readonly name: string;
  readonly scheduledAt: Instant | null;
  readonly startedAt: Instant;
  readonly finishedAt: Instant;
  readonly status: 'passed' | 'failed' | 'missed';
  readonly source: 'scheduled' | 'manual' | 'external';
  readonly report: Readonly<Record<string, unknown>>;
}

export interface CheckupRepository {
  insert(run: Omit<CheckupRun, 'id'>): Promise<number>;
  get(id: number): Promise<CheckupRun | undefined>;
  list(filter: { kind: 'health' | 'stress'; name?: string; limit: number }): Promise<CheckupRun[]>;
  /** The latest run of a suite or test (any status), by start. */
  latest(kind: 'health' | 'stress', name: string): Promise<CheckupRun | undefined>;
}
