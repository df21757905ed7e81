import type { Kysely, Selectable } from 'kysely';
import type { ClockRepository, ClockRow } from '../../services/store/index.js';
import type { Database, TicketClocksTable } from '../database.js';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import { chunks } from './rows.js';

function clockFromRow(r: Selectable<TicketClocksTable>): ClockRow {
  return {
    ticketId: Number(r.ticket_id),
    commitment: r.commitment,
    customer: r.customer_id,
    state: r.state,
    targetMs: r.target_ms,
    dueAt: r.due_at,
    stoppedAt: r.stopped_at,
    breachedAt: r.breached_at,
    nextAt: r.next_at,
    warned: r.warned,
  };
}

export function clockRepository(db: Kysely<Database>, caps: DialectCapabilities): ClockRepository {
  const perRow = 10;
  return {
    async replaceForTicket(ticketId, rows) {
      await db.deleteFrom('ticket_clocks').where('ticket_id', '=', ticketId).execute();
      await this.insertMany(rows);
    },
    async insertMany(rows) {
      for (const chunk of chunks(rows, Math.floor(caps.maxParameters / perRow))) {
        await db
          .insertInto('ticket_clocks')
          .values(
            chunk.map((c) => ({
              ticket_id: c.ticketId,
              commitment: c.commitment,
              customer_id: c.customer,
              state: c.state,
              target_ms: c.targetMs,
              due_at: c.dueAt,
              stopped_at: c.stoppedAt,
              breached_at: c.breachedAt,
              next_at: c.nextAt,
              warned: c.warned,
            })),
          )
          .execute();
      }
    },
    async forTicket(ticketId) {
      return (
        await db
          .selectFrom('ticket_clocks')
          .selectAll()
          .where('ticket_id', '=', ticketId)
          .orderBy('commitment')
          .execute()
      ).map(clockFromRow);
    },
    async changingBefore(before, limit) {
      const rows = await db
        .selectFrom('ticket_clocks')
        .selectAll()
        .where('next_at', 'is not', null)
        .where('next_at', '<', before)
        .orderBy('next_at')
        .limit(limit)
        .execute();
      return rows.map(clockFromRow);
    },
    async settledBetween(from, to, customer) {
      let q = db
        .selectFrom('ticket_clocks')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb.and([eb('breached_at', '>=', from), eb('breached_at', '<', to)]),
            eb.and([
              eb('state', 'in', ['met', 'cancelled']),
              eb('stopped_at', '>=', from),
              eb('stopped_at', '<', to),
            ]),
          ]),
        );
      if (customer !== undefined) q = q.where('customer_id', '=', customer);
      return (await q.orderBy('ticket_id').orderBy('commitment').execute()).map(clockFromRow);
    },
    async touching(from, to, customer) {
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
    async openCounts(customer) {
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
  };
}
