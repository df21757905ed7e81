import type { CustomerRepository } from './customers.js';
import type { TicketRepository } from './tickets.js';
import type { ClockRepository } from './clocks.js';
import type { SignalRepository } from './signals.js';
import type { TokenRepository } from './tokens.js';
import type { MetaRepository } from './meta.js';
import type { MetricRepository } from './metrics.js';
import type { MonitorRepository } from './monitors.js';
import type { MonitorStateRepository } from './monitor-states.js';
import type { CheckHourRepository } from './check-hours.js';
import type { DowntimeRepository } from './downtimes.js';
import type { HeartbeatRepository } from './heartbeats.js';
import type { ServiceStateRepository } from './service-states.js';
import type { IncidentRepository } from './incidents.js';
import type { MaintenanceRepository } from './maintenance.js';
import type { AgentRepository } from './agents.js';
import type { AuditRepository } from './audit.js';
import type { LeaseRepository } from './leases.js';
import type { AssessmentRepository } from './assessments.js';
import type { CheckupRepository } from './checkups.js';
import type { CursorRepository } from './cursors.js';
import type { AlertRepository } from './alerts.js';
import type { NotificationRepository } from './notifications.js';
import type { CreditRepository } from './credits.js';
import type { ImprovementRepository } from './improvements.js';
import type { ReportRepository } from './reports.js';
import type { CorrectionRepository } from './corrections.js';
import type { ReportScheduleRepository } from './report-schedules.js';
import type { PolicyVersionRepository } from './policy-versions.js';
import type { MonthRepository } from './months.js';

export type * from './agents.js';
export type * from './alerts.js';
export type * from './audit.js';
export type * from './assessments.js';
export type * from './check-hours.js';
export type * from './checkups.js';
export type * from './clocks.js';
export type * from './corrections.js';
export type * from './credits.js';
export type * from './cursors.js';
export type * from './customers.js';
export type * from './downtimes.js';
export type * from './heartbeats.js';
export type * from './improvements.js';
export type * from './leases.js';
export type * from './incidents.js';
export type * from './maintenance.js';
export type * from './meta.js';
export type * from './metrics.js';
export type * from './monitor-states.js';
export type * from './monitors.js';
export type * from './months.js';
export type * from './notifications.js';
export type * from './policy-versions.js';
export type * from './report-schedules.js';
export type * from './reports.js';
export type * from './service-states.js';
export type * from './signals.js';
export type * from './tickets.js';
export type * from './tokens.js';

/**
 * What the services need from storage, one repository a field, each declared in its own file
 * beside this one by its users; storage/ implements them for SQLite and PostgreSQL, and one
 * contract suite (test/storage/) runs against both.
 */
export interface Store {
  readonly customers: CustomerRepository;
  readonly tickets: TicketRepository;
  readonly clocks: ClockRepository;
  readonly signals: SignalRepository;
  readonly tokens: TokenRepository;
  readonly meta: MetaRepository;
  readonly metrics: MetricRepository;
  readonly monitors: MonitorRepository;
  readonly monitorStates: MonitorStateRepository;
  readonly checkHours: CheckHourRepository;
  readonly downtimes: DowntimeRepository;
  readonly heartbeats: HeartbeatRepository;
  readonly serviceStates: ServiceStateRepository;
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
  readonly audit: AuditRepository;
  readonly leases: LeaseRepository;
  readonly assessments: AssessmentRepository;
  readonly policyVersions: PolicyVersionRepository;
  readonly months: MonthRepository;
  /**
   * Runs `work` atomically: everything it wrote is kept, or (if it throws) none of it.
   * Writes that must agree with what they read go through here.
   */
  transaction<T>(work: (tx: Store) => Promise<T>): Promise<T>;
  /**
   * Runs `work` once the transaction this store belongs to has committed (at once, outside
   * one), on the store outside it. Its failure does not undo the commit: it is swallowed, so
   * what it does must be safe to do again later.
   */
  afterCommit(work: (store: Store) => Promise<void>): Promise<void>;
  /** Refreshes the planner's statistics (after bulk loads; PostgreSQL plans badly without them). */
  optimize(): Promise<void>;
  close(): Promise<void>;
}
