import type { Kysely, Selectable } from 'kysely';
import type { AvailabilityTables } from '../availability-tables.js';
import type { Database } from '../database.js';
import type { CheckupRepository, CheckupRun } from '../../services/store/index.js';

export function checkupRepository(db: Kysely<Database>): CheckupRepository {
  const fromRow = (r: Selectable<AvailabilityTables['checkup_runs']>): CheckupRun => ({
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
