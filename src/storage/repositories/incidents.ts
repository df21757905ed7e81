import type { Kysely, Selectable } from 'kysely';
import type { AvailabilityTables } from '../availability-tables.js';
import type { Database } from '../database.js';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type {
  Incident,
  IncidentEvent,
  IncidentEventType,
  IncidentState,
} from '../../domain/incident.js';
import type { IncidentRepository } from '../../services/store/index.js';
import { chunks } from './rows.js';

export function incidentRepository(
  db: Kysely<Database>,
  caps: DialectCapabilities,
): IncidentRepository {
  async function withEvents(
    rows: Selectable<AvailabilityTables['incidents']>[],
  ): Promise<Incident[]> {
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
