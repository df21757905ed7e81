import type { Kysely, Selectable } from 'kysely';
import type { Assessment, AssessmentFinding, AssessmentVerdict } from '../../domain/assessment.js';
import type { AssessmentRepository } from '../../services/store/index.js';
import type { Database } from '../database.js';

export function assessmentRepository(db: Kysely<Database>): AssessmentRepository {
  const fromRow = (r: Selectable<Database['assessments']>): Assessment => ({
    id: Number(r.id),
    period: r.period,
    assessor: r.assessor,
    organisation: r.organisation,
    scope: r.scope,
    findings: JSON.parse(r.findings) as AssessmentFinding[],
    verdict: r.verdict as AssessmentVerdict,
    date: r.date,
    recordedBy:
      r.recorded_by_name === null
        ? { id: r.recorded_by }
        : { id: r.recorded_by, name: r.recorded_by_name },
    recordedAt: Number(r.recorded_at),
  });
  return {
    async insert(a) {
      const row = await db
        .insertInto('assessments')
        .values({
          period: a.period,
          assessor: a.assessor,
          organisation: a.organisation,
          scope: a.scope,
          // Only the fields a finding has, in one order, so the stored text is the same whatever the input's order.
          findings: JSON.stringify(
            a.findings.map((f) =>
              f.detail === undefined
                ? { severity: f.severity, title: f.title }
                : { severity: f.severity, title: f.title, detail: f.detail },
            ),
          ),
          verdict: a.verdict,
          date: a.date,
          recorded_by: a.recordedBy.id,
          recorded_by_name: a.recordedBy.name ?? null,
          recorded_at: a.recordedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },
    async get(id) {
      const row = await db
        .selectFrom('assessments')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? fromRow(row) : undefined;
    },
    async list(query) {
      let q = db.selectFrom('assessments').selectAll();
      if (query.period !== undefined) q = q.where('period', '=', query.period);
      const rows = await q
        .orderBy('date', 'desc')
        .orderBy('id', 'desc')
        .limit(query.limit)
        .execute();
      return rows.map(fromRow);
    },
  };
}
