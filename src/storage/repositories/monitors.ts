import type { Kysely, Selectable } from 'kysely';
import type { AvailabilityTables } from '../availability-tables.js';
import type { Database } from '../database.js';
import type { MonitorRepository, MonitorRow } from '../../services/store/index.js';
import { chunks } from './rows.js';

const monitorFromRow = (r: Selectable<AvailabilityTables['monitors']>): MonitorRow => ({
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

export function monitorRepository(db: Kysely<Database>): MonitorRepository {
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
  };
}
