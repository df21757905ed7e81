import type { Kysely } from 'kysely';
import { SuretyError } from '../domain/errors.js';
import type { Store } from '../services/store/index.js';
import type { Database } from './database.js';
import type { BulkWriter, DialectCapabilities } from './dialects/capabilities.js';
import { agentRepository } from './repositories/agents.js';
import { alertRepository } from './repositories/alerts.js';
import { auditRepository } from './repositories/audit.js';
import { assessmentRepository } from './repositories/assessments.js';
import { checkHourRepository } from './repositories/check-hours.js';
import { checkupRepository } from './repositories/checkups.js';
import { clockRepository } from './repositories/clocks.js';
import { correctionRepository } from './repositories/corrections.js';
import { creditRepository } from './repositories/credits.js';
import { cursorRepository } from './repositories/cursors.js';
import { customerRepository } from './repositories/customers.js';
import { downtimeRepository } from './repositories/downtimes.js';
import { heartbeatRepository } from './repositories/heartbeats.js';
import { improvementRepository } from './repositories/improvements.js';
import { incidentRepository } from './repositories/incidents.js';
import { leaseRepository } from './repositories/leases.js';
import { maintenanceRepository } from './repositories/maintenance.js';
import { metaRepository } from './repositories/meta.js';
import { metricRepository } from './repositories/metrics.js';
import { monitorStateRepository } from './repositories/monitor-states.js';
import { monitorRepository } from './repositories/monitors.js';
import { monthRepository } from './repositories/months.js';
import { notificationRepository } from './repositories/notifications.js';
import { policyVersionRepository } from './repositories/policy-versions.js';
import { reportScheduleRepository } from './repositories/report-schedules.js';
import { reportRepository } from './repositories/reports.js';
import { serviceStateRepository } from './repositories/service-states.js';
import { signalRepository } from './repositories/signals.js';
import { ticketRepository } from './repositories/tickets.js';
import { tokenRepository } from './repositories/tokens.js';

type Repositories = Omit<Store, 'transaction' | 'afterCommit' | 'optimize' | 'close'>;

/** Every repository over one connection (or one transaction's). */
function repositories(
  db: Kysely<Database>,
  caps: DialectCapabilities,
  bulk: BulkWriter,
): Repositories {
  return {
    customers: customerRepository(db),
    tickets: ticketRepository(db, caps),
    clocks: clockRepository(db, caps),
    signals: signalRepository(db, caps),
    tokens: tokenRepository(db),
    meta: metaRepository(db),
    metrics: metricRepository(db, caps, bulk),
    monitors: monitorRepository(db),
    monitorStates: monitorStateRepository(db, caps),
    checkHours: checkHourRepository(db, caps),
    downtimes: downtimeRepository(db),
    heartbeats: heartbeatRepository(db),
    serviceStates: serviceStateRepository(db),
    incidents: incidentRepository(db, caps),
    maintenance: maintenanceRepository(db),
    agents: agentRepository(db),
    checkups: checkupRepository(db),
    cursors: cursorRepository(db),
    alerts: alertRepository(db, caps),
    notifications: notificationRepository(db, caps),
    credits: creditRepository(db),
    improvements: improvementRepository(db, caps),
    reports: reportRepository(db),
    corrections: correctionRepository(db),
    reportSchedules: reportScheduleRepository(db),
    audit: auditRepository(db, caps),
    leases: leaseRepository(db),
    assessments: assessmentRepository(db),
    policyVersions: policyVersionRepository(db),
    months: monthRepository(db),
  };
}

/**
 * The Store over Kysely: one implementation for both databases. Where they differ, the
 * repositories ask the dialect's capabilities; there is no "if sqlite" here.
 */
export function sqlStore(
  db: Kysely<Database>,
  caps: DialectCapabilities,
  bulk: BulkWriter,
  onClose: () => Promise<void>,
): Store {
  const root: Store = {
    ...repositories(db, caps, bulk),
    async transaction<T>(work: (tx: Store) => Promise<T>): Promise<T> {
      const committed: Array<(store: Store) => Promise<void>> = [];
      let result: T;
      try {
        result = await db
          .transaction()
          .execute((trx) => work(transactionStore(trx, caps, bulk, committed)));
      } catch (err) {
        // Two writers racing past the same existence check: the loser learns it as a conflict.
        const unique = caps.uniqueViolation(err);
        if (unique)
          throw new SuretyError(
            'conflict',
            DUPLICATE[unique.table] ?? `that ${unique.table} record already exists`,
          );
        throw err;
      }
      for (const next of committed) await next(root).catch(() => {});
      return result;
    },
    afterCommit: (work) => work(root).catch(() => {}),
    optimize: () => caps.optimize(db),
    close: onClose,
  };
  return root;
}

/** The Store inside a transaction: a nested transaction joins it, and closing is the owner's. */
function transactionStore(
  trx: Kysely<Database>,
  caps: DialectCapabilities,
  bulk: BulkWriter,
  committed: Array<(store: Store) => Promise<void>>,
): Store {
  const tx: Store = {
    ...repositories(trx, caps, bulk),
    transaction: (work) => work(tx),
    afterCommit: async (work) => {
      if (!committed.includes(work)) committed.push(work);
    },
    optimize: () => caps.optimize(trx),
    close: async () => {},
  };
  return tx;
}

const DUPLICATE: Record<string, string> = {
  customers: 'a customer with that id already exists',
  tickets: 'that customer already has a ticket with this external id',
  ticket_events: 'another event was recorded on this ticket at the same moment; send it again',
  tokens: 'that token already exists',
  monitors: 'a monitor with that id already exists',
  incidents: 'the service already has an open incident',
  incident_events: 'another change was recorded on this incident at the same moment; send it again',
};
