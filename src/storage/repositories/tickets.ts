import { sql, type Kysely, type Selectable } from 'kysely';
import type { TicketEvent } from '../../domain/ticket.js';
import type { StoredTicket, TicketRepository } from '../../services/store/index.js';
import type { Database, TicketsTable } from '../database.js';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import { chunks } from './rows.js';
import { ticketPeriodReads } from './ticket-period-reads.js';
import { eventFromRow, eventRow, summaryColumns, ticketFromRow, ticketRow } from './ticket-rows.js';

export function ticketRepository(
  db: Kysely<Database>,
  caps: DialectCapabilities,
): TicketRepository {
  /** Rows of this shape one insert can carry under the bound-parameter limit. */
  const rowsPerStatement = (row: object | undefined) =>
    Math.max(1, Math.floor(caps.maxParameters / Object.keys(row ?? { x: 0 }).length));
  async function withEvents(rows: Selectable<TicketsTable>[]): Promise<StoredTicket[]> {
    if (rows.length === 0) return [];
    const byTicket = new Map<number, TicketEvent[]>(rows.map((r) => [r.id, []]));
    for (const chunk of chunks(
      rows.map((r) => r.id),
      5_000,
    )) {
      const events = await db
        .selectFrom('ticket_events')
        .selectAll()
        .where('ticket_id', 'in', chunk)
        .orderBy('ticket_id')
        .orderBy('seq')
        .execute();
      for (const e of events) byTicket.get(e.ticket_id)!.push(eventFromRow(e));
    }
    return rows.map((r) => ticketFromRow(r, byTicket.get(r.id)!));
  }

  return {
    ...ticketPeriodReads(db),
    async insert(t, s) {
      const row = await db
        .insertInto('tickets')
        .values(ticketRow(t, s, []))
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },
    async insertMany(items) {
      const ids: number[] = [];
      const ticketRows = items.map((i) => ticketRow(i.ticket, i.summary, i.events));
      for (const chunk of chunks(ticketRows, rowsPerStatement(ticketRows[0]))) {
        const rows = await db.insertInto('tickets').values(chunk).returning('id').execute();
        // Ids are drawn in VALUES order, but RETURNING promises no order: sort to pair them up.
        ids.push(...rows.map((r) => Number(r.id)).sort((a, b) => a - b));
      }
      const events = items.flatMap((item, i) => item.events.map((e) => eventRow(ids[i]!, e)));
      for (const chunk of chunks(events, rowsPerStatement(events[0])))
        await db.insertInto('ticket_events').values(chunk).execute();
      return ids;
    },
    async get(id, options = {}) {
      let q = db.selectFrom('tickets').selectAll().where('id', '=', id);
      if (options.lock && caps.supportsRowLocks) q = q.forUpdate();
      const row = await q.executeTakeFirst();
      return row ? (await withEvents([row]))[0] : undefined;
    },
    async getMany(ids, options = {}) {
      if (ids.length === 0) return [];
      const rows: Selectable<TicketsTable>[] = [];
      for (const chunk of chunks(ids, 5_000)) {
        let q = db.selectFrom('tickets').selectAll().where('id', 'in', chunk).orderBy('id');
        if (options.lock && caps.supportsRowLocks) q = q.forUpdate();
        rows.push(...(await q.execute()));
      }
      return withEvents(rows);
    },
    async findByExternalId(customer, externalId) {
      const r = await db
        .selectFrom('tickets')
        .select('id')
        .where('customer_id', '=', customer)
        .where('external_id', '=', externalId)
        .executeTakeFirst();
      return r?.id;
    },
    async appendEvents(id, events) {
      if (events.length === 0) return;
      await db
        .insertInto('ticket_events')
        .values(events.map((e) => eventRow(id, e)))
        .execute();
      const last = events[events.length - 1]!;
      await db
        .updateTable('tickets')
        .set({ last_event_at: last.at, event_count: last.seq })
        .where('id', '=', id)
        .execute();
    },
    async replaceHistory(id, t, events) {
      await db.deleteFrom('ticket_events').where('ticket_id', '=', id).execute();
      const rows = events.map((e) => eventRow(id, e));
      for (const chunk of chunks(rows, rowsPerStatement(rows[0])))
        await db.insertInto('ticket_events').values(chunk).execute();
      const { customer_id: _customer, ...base } = ticketRow(
        t,
        {
          status: 'new',
          currentKind: t.kind,
          currentPriority: t.priority,
          breached: false,
          nextDueAt: null,
          updatedAt: 0,
        },
        events,
      );
      // The summary columns are the caller's to set (updateSummary), from the re-derived clocks.
      const {
        status: _s,
        kind: _k,
        priority: _p,
        breached: _b,
        next_due_at: _n,
        updated_at: _u,
        expedited_at: _e,
        // Who first recorded the ticket, and when, is not the correction's to change.
        recorded_by: _rb,
        recorded_by_name: _rn,
        recorded_at: _ra,
        ...attributes
      } = base;
      await db.updateTable('tickets').set(attributes).where('id', '=', id).execute();
    },
    async updateSummary(id, s) {
      await db
        .updateTable('tickets')
        .set({ ...summaryColumns(s), revision: sql<number>`revision + 1` })
        .where('id', '=', id)
        .execute();
    },
    async revisionsBefore(before, customer) {
      let q = db
        .selectFrom('tickets')
        .select([
          (eb) => eb.fn.countAll<number>().as('n'),
          (eb) => eb.fn.coalesce(eb.fn.sum<number>('revision'), sql<number>`0`).as('r'),
        ])
        .where('created_at', '<', before);
      if (customer !== undefined) q = q.where('customer_id', '=', customer);
      const r = await q.executeTakeFirstOrThrow();
      return { count: Number(r.n), revision: Number(r.r) };
    },
    async idsWithEvent(ids, type) {
      const out = new Set<number>();
      for (const chunk of chunks([...ids], 5_000)) {
        const rows = await db
          .selectFrom('ticket_events')
          .select('ticket_id')
          .distinct()
          .where('type', '=', type)
          .where('ticket_id', 'in', chunk)
          .execute();
        for (const r of rows) out.add(Number(r.ticket_id));
      }
      return out;
    },
    async list(query) {
      let q = db.selectFrom('tickets');
      if (query.customer !== undefined) q = q.where('customer_id', '=', query.customer);
      if (query.statuses && query.statuses.length > 0)
        q = q.where('status', 'in', [...query.statuses]);
      if (query.kind !== undefined) q = q.where('kind', '=', query.kind);
      if (query.priority !== undefined) q = q.where('priority', '=', query.priority);
      if (query.breached !== undefined) q = q.where('breached', '=', query.breached ? 1 : 0);
      if (query.expedited !== undefined)
        q = q.where('expedited_at', query.expedited ? 'is not' : 'is', null);
      const total = await q
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      let rows = q.selectAll();
      rows =
        query.order === 'queue'
          ? rows
              .orderBy(sql`case when expedited_at is null then 1 else 0 end`)
              .orderBy('breached', 'desc')
              .orderBy(sql`case when next_due_at is null then 1 else 0 end`)
              .orderBy('next_due_at')
              .orderBy('id')
          : rows.orderBy('created_at', 'desc').orderBy('id', 'desc');
      const page = await rows.limit(query.limit).offset(query.offset).execute();
      return { tickets: await withEvents(page), total: Number(total.n) };
    },
    async idsWithStatus(statuses, afterId, limit) {
      // `in ()` is an error on PostgreSQL: no status asked, no ticket.
      if (statuses.length === 0) return [];
      const rows = await db
        .selectFrom('tickets')
        .select('id')
        .where('status', 'in', [...statuses])
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r) => Number(r.id));
    },
  };
}
