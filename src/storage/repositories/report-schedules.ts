import type { Kysely, Selectable } from 'kysely';
import type {
  ReportRun,
  ReportRunPatch,
  ReportRunStatus,
  ReportScheduleRepository,
} from '../../services/store/index.js';
import type { Database, ReportScheduleRunsTable } from '../database.js';

const n = (v: number | null) => (v === null ? null : Number(v));

function fromRow(r: Omit<Selectable<ReportScheduleRunsTable>, 'content'>): ReportRun {
  return {
    schedule: r.schedule,
    period: r.period,
    kind: r.kind,
    status: r.status as ReportRunStatus,
    attempts: r.attempts,
    dueAt: Number(r.due_at),
    nextAttemptAt: n(r.next_attempt_at),
    leaseUntil: n(r.lease_until),
    generatedAt: n(r.generated_at),
    error: r.error,
    fileName: r.file_name,
    contentType: r.content_type,
    size: r.size,
    recipients: JSON.parse(r.recipients) as ReportRun['recipients'],
    notifications: JSON.parse(r.notifications) as number[],
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

const COLUMNS = [
  'schedule',
  'period',
  'kind',
  'status',
  'attempts',
  'due_at',
  'next_attempt_at',
  'lease_until',
  'generated_at',
  'error',
  'file_name',
  'content_type',
  'size',
  'recipients',
  'notifications',
  'created_at',
  'updated_at',
] as const;

export function reportScheduleRepository(db: Kysely<Database>): ReportScheduleRepository {
  const key = (schedule: string, period: string) =>
    db
      .selectFrom('report_schedule_runs')
      .where('schedule', '=', schedule)
      .where('period', '=', period);
  return {
    async get(schedule, period) {
      const r = await key(schedule, period).select(COLUMNS).executeTakeFirst();
      return r && fromRow(r);
    },
    async claimNew(run) {
      const r = await db
        .insertInto('report_schedule_runs')
        .values({
          schedule: run.schedule,
          period: run.period,
          kind: run.kind,
          status: run.status,
          attempts: run.attempts,
          due_at: run.dueAt,
          next_attempt_at: run.nextAttemptAt,
          lease_until: run.leaseUntil,
          recipients: '[]',
          notifications: '[]',
          created_at: run.createdAt,
          updated_at: run.updatedAt,
        })
        .onConflict((oc) => oc.columns(['schedule', 'period']).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async reclaim(schedule, period, now, leaseUntil) {
      const r = await db
        .updateTable('report_schedule_runs')
        .set({ status: 'generating', lease_until: leaseUntil, updated_at: now })
        .where('schedule', '=', schedule)
        .where('period', '=', period)
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'generating'), eb('lease_until', '<=', now)]),
            eb.and([eb('status', '=', 'failed'), eb('next_attempt_at', '<=', now)]),
          ]),
        )
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async update(schedule, period, p: ReportRunPatch) {
      await db
        .updateTable('report_schedule_runs')
        .set({
          ...(p.status !== undefined ? { status: p.status } : {}),
          ...(p.attempts !== undefined ? { attempts: p.attempts } : {}),
          ...(p.nextAttemptAt !== undefined ? { next_attempt_at: p.nextAttemptAt } : {}),
          ...(p.leaseUntil !== undefined ? { lease_until: p.leaseUntil } : {}),
          ...(p.generatedAt !== undefined ? { generated_at: p.generatedAt } : {}),
          ...(p.error !== undefined ? { error: p.error } : {}),
          ...(p.fileName !== undefined ? { file_name: p.fileName } : {}),
          ...(p.contentType !== undefined ? { content_type: p.contentType } : {}),
          ...(p.size !== undefined ? { size: p.size } : {}),
          ...(p.recipients !== undefined ? { recipients: JSON.stringify(p.recipients) } : {}),
          ...(p.notifications !== undefined
            ? { notifications: JSON.stringify(p.notifications) }
            : {}),
          updated_at: p.updatedAt,
        })
        .where('schedule', '=', schedule)
        .where('period', '=', period)
        .execute();
    },
    async putFile(schedule, period, f) {
      await db
        .updateTable('report_schedule_runs')
        .set({
          file_name: f.name,
          content_type: f.contentType,
          content: f.content.toString('base64'),
          size: f.content.length,
        })
        .where('schedule', '=', schedule)
        .where('period', '=', period)
        .execute();
    },
    async file(schedule, period) {
      const r = await key(schedule, period)
        .select(['file_name', 'content_type', 'content'])
        .executeTakeFirst();
      if (!r || r.content === null || r.file_name === null) return undefined;
      return {
        name: r.file_name,
        contentType: r.content_type ?? 'application/octet-stream',
        content: Buffer.from(r.content, 'base64'),
      };
    },
    async outboxIds(keys) {
      if (keys.length === 0) return [];
      const rows = await db
        .selectFrom('notifications')
        .select(['id', 'dedupe_key'])
        .where('dedupe_key', 'in', [...keys])
        .execute();
      const byKey = new Map(rows.map((r) => [r.dedupe_key, Number(r.id)]));
      return keys.flatMap((k) => (byKey.has(k) ? [byKey.get(k)!] : []));
    },
    async list(q) {
      let s = db.selectFrom('report_schedule_runs').select(COLUMNS);
      if (q.schedule !== undefined) s = s.where('schedule', '=', q.schedule);
      return (await s.orderBy('due_at', 'desc').orderBy('schedule').limit(q.limit).execute()).map(
        fromRow,
      );
    },
  };
}
