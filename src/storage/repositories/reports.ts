import type { Kysely } from 'kysely';
import type { ReportRepository } from '../../services/store/index.js';
import type { Database } from '../database.js';

/** Which report ran for which period. */
export function reportRepository(db: Kysely<Database>): ReportRepository {
  return {
    async recordRun(run) {
      const row = {
        kind: run.kind,
        period: run.period,
        generated_at: run.generatedAt,
        delivered_to: JSON.stringify(run.deliveredTo),
      };
      await db
        .insertInto('report_runs')
        .values(row)
        .onConflict((oc) =>
          oc
            .columns(['kind', 'period'])
            .doUpdateSet({ generated_at: row.generated_at, delivered_to: row.delivered_to }),
        )
        .execute();
    },
    async lastRun(kind) {
      const r = await db
        .selectFrom('report_runs')
        .select(['period', 'generated_at'])
        .where('kind', '=', kind)
        .orderBy('generated_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r && { period: r.period, generatedAt: Number(r.generated_at) };
    },
  };
}
