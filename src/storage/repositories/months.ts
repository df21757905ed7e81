import type { Kysely, Selectable } from 'kysely';
import type { MonthAction, MonthRepository, StoredMonthEvent } from '../../services/store/index.js';
import type { Database, MonthEventsTable } from '../database.js';

const fromRow = (r: Selectable<MonthEventsTable>): StoredMonthEvent => ({
  id: Number(r.id),
  month: r.month,
  action: r.action as MonthAction,
  reason: r.reason,
  at: r.at,
  by: r.actor_name === null ? { id: r.actor } : { id: r.actor, name: r.actor_name },
});

export function monthRepository(db: Kysely<Database>): MonthRepository {
  return {
    async record(e) {
      const row = await db
        .insertInto('month_events')
        .values({
          month: e.month,
          action: e.action,
          reason: e.reason,
          at: e.at,
          actor: e.by.id,
          actor_name: e.by.name ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { ...e, id: Number(row.id) };
    },
    async events(months) {
      if (months?.length === 0) return [];
      let q = db.selectFrom('month_events').selectAll();
      if (months !== undefined) q = q.where('month', 'in', [...months]);
      return (await q.orderBy('id').execute()).map(fromRow);
    },
  };
}
