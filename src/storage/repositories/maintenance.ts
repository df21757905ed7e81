import type { Kysely, Selectable } from 'kysely';
import type { AvailabilityTables } from '../availability-tables.js';
import type { Database } from '../database.js';
import type { MaintenanceRepository, MaintenanceRow } from '../../services/store/index.js';

const maintenanceFromRow = (
  r: Selectable<AvailabilityTables['maintenance_windows']>,
): MaintenanceRow => ({
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
