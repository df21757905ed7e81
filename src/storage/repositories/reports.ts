import type { Kysely, Selectable } from 'kysely';
import type { ClockRow, ReportRepository, Signal } from '../services/store.js';
import type { Database } from './database.js';

/** Read-only queries behind the reports, and the record of which report ran for which period. */
export function reportRepository(db: Kysely<Database>): ReportRepository {
  const signalFromRow = (r: Selectable<Database['signals']>): Signal => ({
    id: Number(r.id),
    at: Number(r.at),
    recordedAt: Number(r.recorded_at),
    type: r.type,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    commitment: r.commitment,
    customer: r.customer_id,
    data: JSON.parse(r.data) as Signal['data'],
  });
  const clockFromRow = (r: Selectable<Database['ticket_clocks']>): ClockRow => ({
    ticketId: Number(r.ticket_id),
    commitment: r.commitment,
    customer: r.customer_id,
    state: r.state,
    targetMs: Number(r.target_ms),
    dueAt: r.due_at === null ? null : Number(r.due_at),
    stoppedAt: r.stopped_at === null ? null : Number(r.stopped_at),
    breachedAt: r.breached_at === null ? null : Number(r.breached_at),
    nextAt: r.next_at === null ? null : Number(r.next_at),
    warned: r.warned,
  });
  return {
    async ticketIdsCreated(from, to, customer, limit) {
      let q = db
        .selectFrom('tickets')
        .select('id')
        .where('created_at', '>=', from)
        .where('created_at', '<', to);
      if (customer !== undefined) q = q.where('customer_id', '=', customer);
      return (await q.orderBy('created_at').orderBy('id').limit(limit).execute()).map((r) =>
        Number(r.id),
      );
    },
    async openTicketIds(before, customer, limit) {
      let q = db
        .selectFrom('tickets')
        .select('id')
        .where('status', 'in', ['new', 'open', 'waiting'])
        .where('created_at', '<', before);
      if (customer !== undefined) q = q.where('customer_id', '=', customer);
      return (await q.orderBy('id').limit(limit).execute()).map((r) => Number(r.id));
    },
    async signalsBetween(from, to, filter, limit) {
      let q = db.selectFrom('signals').selectAll().where('at', '>=', from).where('at', '<', to);
      if (filter.customer !== undefined) q = q.where('customer_id', '=', filter.customer);
      if (filter.types && filter.types.length > 0) q = q.where('type', 'in', [...filter.types]);
      return (await q.orderBy('at').orderBy('id').limit(limit).execute()).map(signalFromRow);
    },
    async clocksTouching(from, to, customer) {
      let q = db
        .selectFrom('ticket_clocks')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb.and([eb('due_at', '>=', from), eb('due_at', '<', to)]),
            eb.and([eb('breached_at', '>=', from), eb('breached_at', '<', to)]),
            eb.and([eb('stopped_at', '>=', from), eb('stopped_at', '<', to)]),
          ]),
        );
      if (customer !== undefined) q = q.where('customer_id', '=', customer);
      return (await q.orderBy('ticket_id').orderBy('commitment').execute()).map(clockFromRow);
    },
    async openClockCounts(customer) {
      let q = db
        .selectFrom('ticket_clocks')
        .select(['commitment', 'state', (eb) => eb.fn.countAll<number>().as('n')])
        .where('state', 'in', ['running', 'warning', 'paused']);
      if (customer !== undefined) q = q.where('customer_id', '=', customer);
      return (await q.groupBy(['commitment', 'state']).execute()).map((r) => ({
        commitment: r.commitment,
        state: r.state,
        count: Number(r.n),
      }));
    },
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
