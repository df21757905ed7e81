import type { Kysely, Selectable } from 'kysely';
import type {
  AlertPatch,
  AlertRepository,
  AlertStatus,
  StoredAlert,
} from '../../services/store/index.js';
import type { Severity } from '../../policy/notifications.js';
import type { AlertsTable } from '../consequence-tables.js';
import type { Database } from '../database.js';
import type { DialectCapabilities } from '../dialects/capabilities.js';

function fromRow(r: Selectable<AlertsTable>): StoredAlert {
  return {
    id: Number(r.id),
    key: r.key,
    cause: r.cause,
    signalId: Number(r.signal_id),
    type: r.type,
    severity: r.severity as Severity,
    status: r.status as AlertStatus,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    commitment: r.commitment,
    customer: r.customer_id,
    service: r.service,
    route: r.route,
    escalation: r.escalation,
    channels: JSON.parse(r.channels) as string[],
    startLevel: r.start_level,
    steps: r.steps,
    level: r.level,
    expedite: r.expedite === 1,
    summary: r.summary,
    openedAt: r.opened_at,
    nextAt: r.next_at,
    signalCount: r.signal_count,
    lastSignalAt: r.last_signal_at,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedBy: r.acknowledged_by,
    resolvedAt: r.resolved_at,
    resolution: r.resolution,
    data: JSON.parse(r.data) as Record<string, unknown>,
    updatedAt: r.updated_at,
  };
}

const COLUMNS: Record<keyof Omit<AlertPatch, never>, keyof AlertsTable> = {
  status: 'status',
  steps: 'steps',
  level: 'level',
  nextAt: 'next_at',
  signalCount: 'signal_count',
  lastSignalAt: 'last_signal_at',
  acknowledgedAt: 'acknowledged_at',
  acknowledgedBy: 'acknowledged_by',
  resolvedAt: 'resolved_at',
  resolution: 'resolution',
  updatedAt: 'updated_at',
};

const OPEN: AlertStatus[] = ['triggered', 'acknowledged'];

export function alertRepository(db: Kysely<Database>, caps: DialectCapabilities): AlertRepository {
  return {
    async insert(a) {
      const row = await db
        .insertInto('alerts')
        .values({
          key: a.key,
          cause: a.cause,
          signal_id: a.signalId,
          type: a.type,
          severity: a.severity,
          status: 'triggered',
          subject_type: a.subjectType,
          subject_id: a.subjectId,
          commitment: a.commitment,
          customer_id: a.customer,
          service: a.service,
          route: a.route,
          escalation: a.escalation,
          channels: JSON.stringify(a.channels),
          start_level: a.startLevel,
          steps: 0,
          level: null,
          expedite: a.expedite ? 1 : 0,
          summary: a.summary,
          opened_at: a.openedAt,
          next_at: a.nextAt,
          signal_count: 1,
          last_signal_at: a.openedAt,
          data: JSON.stringify(a.data),
          updated_at: a.openedAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return fromRow(row);
    },
    async get(id, options = {}) {
      let q = db.selectFrom('alerts').selectAll().where('id', '=', id);
      if (options.lock && caps.supportsRowLocks) q = q.forUpdate();
      const r = await q.executeTakeFirst();
      return r && fromRow(r);
    },
    async findOpenByKey(key) {
      const r = await db
        .selectFrom('alerts')
        .selectAll()
        .where('key', '=', key)
        .where('status', 'in', OPEN)
        .orderBy('id', 'desc')
        .executeTakeFirst();
      return r && fromRow(r);
    },
    async findOpenByCause(cause) {
      return (
        await db
          .selectFrom('alerts')
          .selectAll()
          .where('cause', '=', cause)
          .where('status', 'in', OPEN)
          .orderBy('id')
          .execute()
      ).map(fromRow);
    },
    async update(id, patch, expect = {}) {
      const set: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(patch))
        if (v !== undefined) set[COLUMNS[k as keyof AlertPatch]] = v;
      let q = db.updateTable('alerts').set(set).where('id', '=', id);
      if (expect.steps !== undefined) q = q.where('steps', '=', expect.steps);
      if (expect.statuses !== undefined) q = q.where('status', 'in', [...expect.statuses]);
      return Number((await q.executeTakeFirst()).numUpdatedRows) === 1;
    },
    async due(now, limit) {
      const rows = await db
        .selectFrom('alerts')
        .selectAll()
        .where('status', '=', 'triggered')
        .where('next_at', 'is not', null)
        .where('next_at', '<=', now)
        .orderBy('next_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(fromRow);
    },
    async openAbout(subjectType, limit) {
      const rows = await db
        .selectFrom('alerts')
        .selectAll()
        .where('status', 'in', OPEN)
        .where('subject_type', '=', subjectType)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(fromRow);
    },
    async list(query) {
      let q = db.selectFrom('alerts');
      if (query.statuses && query.statuses.length > 0)
        q = q.where('status', 'in', [...query.statuses]);
      if (query.customer !== undefined) q = q.where('customer_id', '=', query.customer);
      const total = await q
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const rows = await q
        .selectAll()
        .orderBy('id', 'desc')
        .limit(query.limit)
        .offset(query.offset)
        .execute();
      return { alerts: rows.map(fromRow), total: Number(total.n) };
    },
    async log(e) {
      await db
        .insertInto('alert_log')
        .values({
          alert_id: e.alertId,
          at: e.at,
          kind: e.kind,
          message: e.message,
          data: JSON.stringify(e.data ?? {}),
        })
        .execute();
    },
    async logOf(alertId) {
      const rows = await db
        .selectFrom('alert_log')
        .selectAll()
        .where('alert_id', '=', alertId)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        alertId: Number(r.alert_id),
        at: r.at,
        kind: r.kind,
        message: r.message,
        data: JSON.parse(r.data) as Record<string, unknown>,
      }));
    },
  };
}
