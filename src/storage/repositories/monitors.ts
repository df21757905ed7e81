import { sql, type Kysely, type Selectable } from 'kysely';
import type {
  Incident,
  IncidentEvent,
  IncidentEventType,
  IncidentState,
} from '../domain/incident.js';
import type {
  AgentRepository,
  CheckHourDelta,
  CheckupRepository,
  CheckupRun,
  HeartbeatReportKind,
  IncidentRepository,
  MaintenanceRepository,
  MaintenanceRow,
  MonitorRepository,
  MonitorRow,
  MonitorStateRow,
} from '../services/availability/store.js';
import type { AvailabilityTables } from './availability-tables.js';
import { chunks } from './chunks.js';
import type { Database } from './database.js';
import type { DialectCapabilities } from './dialects/capabilities.js';

type Tables = AvailabilityTables;

const monitorFromRow = (r: Selectable<Tables['monitors']>): MonitorRow => ({
  id: r.id,
  service: r.service,
  customer: r.customer_id,
  type: r.type,
  definition: JSON.parse(r.definition) as Record<string, unknown>,
  locations: JSON.parse(r.locations) as string[],
  source: r.source as MonitorRow['source'],
  pingKey: r.ping_key,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  removedAt: r.removed_at,
});

const stateFromRow = (r: Selectable<Tables['monitor_states']>): MonitorStateRow => ({
  monitorId: r.monitor_id,
  location: r.location,
  status: r.status as MonitorStateRow['status'],
  since: r.since,
  failures: r.failures,
  detectedAt: r.detected_at,
  lastAt: r.last_at,
  lastOk: r.last_ok === null ? null : r.last_ok === 1,
  lastCause: r.last_cause,
  lastMessage: r.last_message,
  lastLatencyMs: r.last_latency_ms,
  lastWarning: r.last_warning,
});

export function monitorRepository(
  db: Kysely<Database>,
  caps: DialectCapabilities,
): MonitorRepository {
  return {
    async upsert(m) {
      const row = {
        id: m.id,
        service: m.service,
        customer_id: m.customer,
        type: m.type,
        definition: JSON.stringify(m.definition),
        locations: JSON.stringify(m.locations),
        source: m.source,
        ping_key: m.pingKey,
        created_at: m.createdAt,
        updated_at: m.updatedAt,
        removed_at: m.removedAt,
      };
      const { id: _id, created_at: _createdAt, ...rest } = row;
      await db
        .insertInto('monitors')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet(rest))
        .execute();
    },
    async get(id) {
      const r = await db.selectFrom('monitors').selectAll().where('id', '=', id).executeTakeFirst();
      return r && monitorFromRow(r);
    },
    async list(filter = {}) {
      let q = db.selectFrom('monitors').selectAll();
      if (filter.service !== undefined) q = q.where('service', '=', filter.service);
      if (filter.customer !== undefined) q = q.where('customer_id', '=', filter.customer);
      if (!filter.includeRemoved) q = q.where('removed_at', 'is', null);
      return (await q.orderBy('id').execute()).map(monitorFromRow);
    },
    async getMany(ids) {
      const out: MonitorRow[] = [];
      for (const chunk of chunks([...new Set(ids)], 5_000))
        out.push(
          ...(await db.selectFrom('monitors').selectAll().where('id', 'in', chunk).execute()).map(
            monitorFromRow,
          ),
        );
      return out;
    },
    async byPingKey(key) {
      const r = await db
        .selectFrom('monitors')
        .selectAll()
        .where('ping_key', '=', key)
        .where('removed_at', 'is', null)
        .executeTakeFirst();
      return r && monitorFromRow(r);
    },
    async version() {
      const r = await db
        .selectFrom('monitors')
        .select([
          (eb) => eb.fn.max('updated_at').as('u'),
          (eb) => eb.fn.max('removed_at').as('r'),
          (eb) => eb.fn.countAll<number>().as('n'),
        ])
        .executeTakeFirstOrThrow();
      return Number(r.u ?? 0) * 1000 + Number(r.n) + Number(r.r ?? 0);
    },

    async states(monitorIds, location) {
      const out: MonitorStateRow[] = [];
      for (const chunk of chunks([...new Set(monitorIds)], 5_000)) {
        let q = db.selectFrom('monitor_states').selectAll().where('monitor_id', 'in', chunk);
        if (location !== undefined) q = q.where('location', '=', location);
        out.push(
          ...(await q.orderBy('monitor_id').orderBy('location').execute()).map(stateFromRow),
        );
      }
      return out;
    },
    async saveStates(rows) {
      // One row per key: PostgreSQL refuses an upsert that touches a row twice.
      const byKey = new Map(rows.map((r) => [`${r.monitorId}\u0000${r.location}`, r]));
      for (const chunk of chunks([...byKey.values()], Math.floor(caps.maxParameters / 12))) {
        await db
          .insertInto('monitor_states')
          .values(
            chunk.map((r) => ({
              monitor_id: r.monitorId,
              location: r.location,
              status: r.status,
              since: r.since,
              failures: r.failures,
              detected_at: r.detectedAt,
              last_at: r.lastAt,
              last_ok: r.lastOk === null ? null : r.lastOk ? 1 : 0,
              last_cause: r.lastCause,
              last_message: r.lastMessage,
              last_latency_ms: r.lastLatencyMs,
              last_warning: r.lastWarning,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['monitor_id', 'location']).doUpdateSet((eb) => ({
              status: eb.ref('excluded.status'),
              since: eb.ref('excluded.since'),
              failures: eb.ref('excluded.failures'),
              detected_at: eb.ref('excluded.detected_at'),
              last_at: eb.ref('excluded.last_at'),
              last_ok: eb.ref('excluded.last_ok'),
              last_cause: eb.ref('excluded.last_cause'),
              last_message: eb.ref('excluded.last_message'),
              last_latency_ms: eb.ref('excluded.last_latency_ms'),
              last_warning: eb.ref('excluded.last_warning'),
            })),
          )
          .execute();
      }
    },
    async addCheckHours(deltas) {
      const merged = new Map<string, CheckHourDelta>();
      for (const d of deltas) {
        const key = `${d.monitorId}\u0000${d.location}\u0000${d.hour}`;
        const p = merged.get(key);
        merged.set(
          key,
          p
            ? {
                ...p,
                checks: p.checks + d.checks,
                failures: p.failures + d.failures,
                latencySum: p.latencySum + d.latencySum,
                latencyMax: Math.max(p.latencyMax, d.latencyMax),
              }
            : d,
        );
      }
      for (const chunk of chunks([...merged.values()], Math.floor(caps.maxParameters / 7))) {
        await db
          .insertInto('monitor_check_hours')
          .values(
            chunk.map((d) => ({
              monitor_id: d.monitorId,
              location: d.location,
              hour: d.hour,
              checks: d.checks,
              failures: d.failures,
              latency_sum: d.latencySum,
              latency_max: d.latencyMax,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['monitor_id', 'location', 'hour']).doUpdateSet({
              checks: sql`monitor_check_hours.checks + excluded.checks`,
              failures: sql`monitor_check_hours.failures + excluded.failures`,
              latency_sum: sql`monitor_check_hours.latency_sum + excluded.latency_sum`,
              // CASE, not max()/greatest(): the one spelling both databases share.
              latency_max: sql`case when excluded.latency_max > monitor_check_hours.latency_max then excluded.latency_max else monitor_check_hours.latency_max end`,
            }),
          )
          .execute();
      }
    },
    async checkHours(monitorId, from, to) {
      const rows = await db
        .selectFrom('monitor_check_hours')
        .selectAll()
        .where('monitor_id', '=', monitorId)
        .where('hour', '>=', from)
        .where('hour', '<', to)
        .orderBy('hour')
        .orderBy('location')
        .execute();
      return rows.map((r) => ({
        monitorId: r.monitor_id,
        location: r.location,
        hour: r.hour,
        checks: r.checks,
        failures: r.failures,
        latencySum: r.latency_sum,
        latencyMax: r.latency_max,
      }));
    },

    async pruneCheckHours(before) {
      const r = await db
        .deleteFrom('monitor_check_hours')
        .where('hour', '<', before)
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },

    async openDowntime(d) {
      await db
        .insertInto('monitor_downtimes')
        .values({
          monitor_id: d.monitorId,
          location: d.location,
          service: d.service,
          from_at: d.from,
          to_at: null,
          cause: d.cause,
          message: d.message,
        })
        .execute();
    },
    async closeDowntime(monitorId, location, to) {
      await db
        .updateTable('monitor_downtimes')
        .set({ to_at: to })
        .where('monitor_id', '=', monitorId)
        .where('location', '=', location)
        .where('to_at', 'is', null)
        .execute();
    },
    async downtimes(service, from, to) {
      const rows = await db
        .selectFrom('monitor_downtimes')
        .selectAll()
        .where('service', '=', service)
        .where('from_at', '<', to)
        .where((eb) => eb.or([eb('to_at', 'is', null), eb('to_at', '>', from)]))
        .orderBy('from_at')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: Number(r.id),
        monitorId: r.monitor_id,
        location: r.location,
        service: r.service,
        from: r.from_at,
        to: r.to_at,
        cause: r.cause,
        message: r.message,
      }));
    },
    async servicesDownBetween(from, to) {
      const rows = await db
        .selectFrom('monitor_downtimes')
        .select('service')
        .distinct()
        .where('from_at', '<', to)
        .where((eb) => eb.or([eb('to_at', 'is', null), eb('to_at', '>', from)]))
        .orderBy('service')
        .execute();
      return rows.map((r) => r.service);
    },

    async recordHeartbeat(monitorId, report) {
      if (report.kind === 'success') {
        await db
          .insertInto('heartbeat_pings')
          .values({ monitor_id: monitorId, last_ping_at: report.at, pings: 1 })
          .onConflict((oc) =>
            oc.column('monitor_id').doUpdateSet({
              last_ping_at: sql`case when excluded.last_ping_at > heartbeat_pings.last_ping_at then excluded.last_ping_at else heartbeat_pings.last_ping_at end`,
              pings: sql`heartbeat_pings.pings + 1`,
            }),
          )
          .execute();
      }
      // The latest report wins; at the same instant the one written last (arrival order).
      await db
        .insertInto('heartbeat_reports')
        .values({
          monitor_id: monitorId,
          kind: report.kind,
          at: report.at,
          message: report.message,
        })
        .onConflict((oc) =>
          oc
            .column('monitor_id')
            .doUpdateSet((eb) => ({
              kind: eb.ref('excluded.kind'),
              at: eb.ref('excluded.at'),
              message: eb.ref('excluded.message'),
            }))
            .where('heartbeat_reports.at', '<=', (eb) => eb.ref('excluded.at')),
        )
        .execute();
    },
    async heartbeat(monitorId) {
      const [ping, report] = await Promise.all([
        db
          .selectFrom('heartbeat_pings')
          .select('last_ping_at')
          .where('monitor_id', '=', monitorId)
          .executeTakeFirst(),
        db
          .selectFrom('heartbeat_reports')
          .selectAll()
          .where('monitor_id', '=', monitorId)
          .executeTakeFirst(),
      ]);
      return {
        ...(ping ? { lastPingAt: ping.last_ping_at } : {}),
        ...(report
          ? {
              latest: {
                kind: report.kind as HeartbeatReportKind,
                at: report.at,
                message: report.message,
              },
            }
          : {}),
      };
    },

    async serviceState(service) {
      const r = await db
        .selectFrom('service_states')
        .selectAll()
        .where('service', '=', service)
        .executeTakeFirst();
      return r && { state: r.state as 'up' | 'down', since: r.since };
    },
    async setServiceState(service, state, since) {
      await db
        .insertInto('service_states')
        .values({ service, state, since })
        .onConflict((oc) => oc.column('service').doUpdateSet({ state, since }))
        .execute();
    },
    async burnStates(service) {
      return (
        await db
          .selectFrom('burn_states')
          .select(['rule', 'since'])
          .where('service', '=', service)
          .orderBy('rule')
          .execute()
      ).map((r) => ({ rule: r.rule, since: r.since }));
    },
    async servicesBurning() {
      return (
        await db.selectFrom('burn_states').select('service').distinct().orderBy('service').execute()
      ).map((r) => r.service);
    },
    async setBurnState(service, rule, since) {
      if (since === null)
        await db
          .deleteFrom('burn_states')
          .where('service', '=', service)
          .where('rule', '=', rule)
          .execute();
      else
        await db
          .insertInto('burn_states')
          .values({ service, rule, since })
          .onConflict((oc) => oc.columns(['service', 'rule']).doUpdateSet({ since }))
          .execute();
    },
  };
}

export function incidentRepository(
  db: Kysely<Database>,
  caps: DialectCapabilities,
): IncidentRepository {
  async function withEvents(rows: Selectable<Tables['incidents']>[]): Promise<Incident[]> {
    if (rows.length === 0) return [];
    const byId = new Map<number, IncidentEvent[]>(rows.map((r) => [Number(r.id), []]));
    for (const chunk of chunks([...byId.keys()], 5_000)) {
      const events = await db
        .selectFrom('incident_events')
        .selectAll()
        .where('incident_id', 'in', chunk)
        .orderBy('incident_id')
        .orderBy('seq')
        .execute();
      for (const e of events)
        byId.get(Number(e.incident_id))!.push({
          seq: e.seq,
          type: e.type as IncidentEventType,
          at: e.at,
          recordedAt: e.recorded_at,
          actor: e.actor,
          note: e.note,
        });
    }
    return rows.map((r) => ({
      id: Number(r.id),
      service: r.service,
      customer: r.customer_id,
      title: r.title,
      origin: r.origin as Incident['origin'],
      state: r.state as IncidentState,
      detectedAt: r.detected_at,
      acknowledgedAt: r.acknowledged_at,
      mitigatedAt: r.mitigated_at,
      resolvedAt: r.resolved_at,
      createdAt: r.created_at,
      events: byId.get(Number(r.id))!,
    }));
  }
  return {
    async insert(i) {
      const r = await db
        .insertInto('incidents')
        .values({
          service: i.service,
          customer_id: i.customer,
          title: i.title,
          origin: i.origin,
          state: 'open',
          detected_at: i.detectedAt,
          acknowledged_at: null,
          mitigated_at: null,
          resolved_at: null,
          created_at: i.createdAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(r.id);
    },
    async get(id, options = {}) {
      let q = db.selectFrom('incidents').selectAll().where('id', '=', id);
      if (options.lock && caps.supportsRowLocks) q = q.forUpdate();
      const r = await q.executeTakeFirst();
      return r ? (await withEvents([r]))[0] : undefined;
    },
    async list(query) {
      let q = db.selectFrom('incidents');
      if (query.service !== undefined) q = q.where('service', '=', query.service);
      if (query.customer !== undefined) q = q.where('customer_id', '=', query.customer);
      if (query.states && query.states.length > 0) q = q.where('state', 'in', [...query.states]);
      const total = await q
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const rows = await q
        .selectAll()
        .orderBy('detected_at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.limit)
        .offset(query.offset)
        .execute();
      return { incidents: await withEvents(rows), total: Number(total.n) };
    },
    async openFor(service) {
      const r = await db
        .selectFrom('incidents')
        .selectAll()
        .where('service', '=', service)
        .where('state', '!=', 'resolved')
        .orderBy('detected_at', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirst();
      return r ? (await withEvents([r]))[0] : undefined;
    },
    async appendEvent(id, e) {
      await db
        .insertInto('incident_events')
        .values({
          incident_id: id,
          seq: e.seq,
          type: e.type,
          at: e.at,
          recorded_at: e.recordedAt,
          actor: e.actor,
          note: e.note,
        })
        .execute();
    },
    async update(id, f) {
      await db
        .updateTable('incidents')
        .set({
          state: f.state,
          acknowledged_at: f.acknowledgedAt,
          mitigated_at: f.mitigatedAt,
          resolved_at: f.resolvedAt,
        })
        .where('id', '=', id)
        .execute();
    },
    async active(since) {
      const rows = await db
        .selectFrom('incidents')
        .selectAll()
        .where((eb) => eb.or([eb('state', '!=', 'resolved'), eb('resolved_at', '>=', since)]))
        .orderBy('id')
        .execute();
      return withEvents(rows);
    },
    async overlapping(from, to, filter = {}) {
      let q = db
        .selectFrom('incidents')
        .selectAll()
        .where('detected_at', '<', to)
        .where((eb) => eb.or([eb('resolved_at', 'is', null), eb('resolved_at', '>=', from)]));
      if (filter.service !== undefined) q = q.where('service', '=', filter.service);
      if (filter.customer !== undefined) q = q.where('customer_id', '=', filter.customer);
      return withEvents(await q.orderBy('detected_at').orderBy('id').execute());
    },
  };
}

const maintenanceFromRow = (r: Selectable<Tables['maintenance_windows']>): MaintenanceRow => ({
  id: Number(r.id),
  service: r.service,
  title: r.title,
  kind: r.kind as MaintenanceRow['kind'],
  spec: r.spec,
  from: r.from_at,
  to: r.to_at,
  declaredAt: r.declared_at,
  until: r.until_at,
  source: r.source as MaintenanceRow['source'],
  policyKey: r.policy_key,
  createdBy: r.created_by,
  cancelledAt: r.cancelled_at,
});

export function maintenanceRepository(db: Kysely<Database>): MaintenanceRepository {
  return {
    async insert(m) {
      const r = await db
        .insertInto('maintenance_windows')
        .values({
          service: m.service,
          title: m.title,
          kind: m.kind,
          spec: m.spec,
          from_at: m.from,
          to_at: m.to,
          declared_at: m.declaredAt,
          until_at: m.until,
          source: m.source,
          policy_key: m.policyKey,
          created_by: m.createdBy,
          cancelled_at: m.cancelledAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(r.id);
    },
    async get(id) {
      const r = await db
        .selectFrom('maintenance_windows')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return r && maintenanceFromRow(r);
    },
    async list(filter = {}) {
      let q = db.selectFrom('maintenance_windows').selectAll();
      if (filter.service !== undefined) {
        const service = filter.service;
        q = q.where((eb) => eb.or([eb('service', 'is', null), eb('service', '=', service)]));
      }
      if (!filter.all) q = q.where('cancelled_at', 'is', null);
      return (await q.orderBy('id').execute()).map(maintenanceFromRow);
    },
    async cancel(id, at) {
      const r = await db
        .selectFrom('maintenance_windows')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (!r) return;
      // What already happened stays planned; only what is ahead is taken back.
      if (r.kind === 'recurring')
        await db
          .updateTable('maintenance_windows')
          .set({ until_at: at, cancelled_at: at })
          .where('id', '=', id)
          .execute();
      else if (r.from_at !== null && r.from_at < at)
        await db
          .updateTable('maintenance_windows')
          .set({ to_at: Math.min(r.to_at ?? at, at), cancelled_at: at })
          .where('id', '=', id)
          .execute();
      else
        await db
          .updateTable('maintenance_windows')
          .set({ to_at: r.from_at, cancelled_at: at })
          .where('id', '=', id)
          .execute();
    },
  };
}

export function agentRepository(db: Kysely<Database>): AgentRepository {
  const fromRow = (r: Selectable<Tables['agents']>) => ({
    location: r.location,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
    silentSince: r.silent_since,
    version: r.version,
  });
  return {
    async get(location) {
      const r = await db
        .selectFrom('agents')
        .selectAll()
        .where('location', '=', location)
        .executeTakeFirst();
      return r && fromRow(r);
    },
    async list() {
      return (await db.selectFrom('agents').selectAll().orderBy('location').execute()).map(fromRow);
    },
    async save(a) {
      const row = {
        location: a.location,
        first_seen_at: a.firstSeenAt,
        last_seen_at: a.lastSeenAt,
        silent_since: a.silentSince,
        version: a.version,
      };
      const { location: _location, first_seen_at: _firstSeenAt, ...rest } = row;
      await db
        .insertInto('agents')
        .values(row)
        .onConflict((oc) => oc.column('location').doUpdateSet(rest))
        .execute();
    },
    async openSilence(location, from) {
      await db
        .insertInto('agent_silences')
        .values({ location, from_at: from, to_at: null })
        .execute();
    },
    async closeSilence(location, to) {
      await db
        .updateTable('agent_silences')
        .set({ to_at: to })
        .where('location', '=', location)
        .where('to_at', 'is', null)
        .execute();
    },
    async silences(locations, from, to) {
      if (locations.length === 0) return [];
      const rows = await db
        .selectFrom('agent_silences')
        .selectAll()
        .where('location', 'in', [...locations])
        .where('from_at', '<', to)
        .where((eb) => eb.or([eb('to_at', 'is', null), eb('to_at', '>', from)]))
        .orderBy('from_at')
        .execute();
      return rows.map((r) => ({ location: r.location, from: r.from_at, to: r.to_at }));
    },
    async bindToken(tokenId, location) {
      await db.insertInto('probe_tokens').values({ token_id: tokenId, location }).execute();
    },
    async tokenLocation(tokenId) {
      return (
        await db
          .selectFrom('probe_tokens')
          .select('location')
          .where('token_id', '=', tokenId)
          .executeTakeFirst()
      )?.location;
    },
  };
}

export function checkupRepository(db: Kysely<Database>): CheckupRepository {
  const fromRow = (r: Selectable<Tables['checkup_runs']>): CheckupRun => ({
    id: Number(r.id),
    kind: r.kind as CheckupRun['kind'],
    name: r.name,
    scheduledAt: r.scheduled_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    status: r.status as CheckupRun['status'],
    source: r.source as CheckupRun['source'],
    report: JSON.parse(r.report) as Record<string, unknown>,
  });
  return {
    async insert(run) {
      const r = await db
        .insertInto('checkup_runs')
        .values({
          kind: run.kind,
          name: run.name,
          scheduled_at: run.scheduledAt,
          started_at: run.startedAt,
          finished_at: run.finishedAt,
          status: run.status,
          source: run.source,
          report: JSON.stringify(run.report),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(r.id);
    },
    async get(id) {
      const r = await db
        .selectFrom('checkup_runs')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return r && fromRow(r);
    },
    async list(filter) {
      let q = db.selectFrom('checkup_runs').selectAll().where('kind', '=', filter.kind);
      if (filter.name !== undefined) q = q.where('name', '=', filter.name);
      return (
        await q.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute()
      ).map(fromRow);
    },
    async latest(kind, name) {
      const r = await db
        .selectFrom('checkup_runs')
        .selectAll()
        .where('kind', '=', kind)
        .where('name', '=', name)
        .orderBy('started_at', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirst();
      return r && fromRow(r);
    },
  };
}
