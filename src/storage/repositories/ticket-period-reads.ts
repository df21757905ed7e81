import { sql, type Kysely } from 'kysely';
import type { Priority, TicketEvent, TicketKind } from '../../domain/ticket.js';
import type { TicketRepository } from '../../services/store/index.js';
import type { Database } from '../database.js';

type PeriodReads = Pick<
  TicketRepository,
  | 'eventsBetween'
  | 'countCreated'
  | 'idsCreated'
  | 'idsCreatedSince'
  | 'firstCreatedAt'
  | 'openIds'
  | 'idsWithLateEvents'
>;

/** The ticket repository's reads over a period, for reports, packs and re-derivation. */
export function ticketPeriodReads(db: Kysely<Database>): PeriodReads {
  return {
    async eventsBetween(types, from, to, customer) {
      if (types.length === 0) return [];
      let q = db
        .selectFrom('ticket_events as e')
        .innerJoin('tickets as t', 't.id', 'e.ticket_id')
        .select([
          'e.ticket_id',
          'e.type',
          'e.at',
          'e.rating',
          't.customer_id',
          't.kind',
          't.priority',
          't.channel',
        ])
        .where('e.type', 'in', [...types])
        .where('e.at', '>=', from)
        .where('e.at', '<', to);
      if (customer !== undefined) q = q.where('t.customer_id', '=', customer);
      const rows = await q.orderBy('e.at').orderBy('e.ticket_id').orderBy('e.seq').execute();
      return rows.map((r) => ({
        ticketId: Number(r.ticket_id),
        customer: r.customer_id,
        kind: r.kind as TicketKind,
        priority: r.priority as Priority,
        channel: r.channel,
        type: r.type as TicketEvent['type'],
        at: r.at,
        rating: r.rating,
      }));
    },
    async countCreated(from, to, customer) {
      let q = db
        .selectFrom('tickets')
        .select(['customer_id', 'kind', 'channel', (eb) => eb.fn.countAll<number>().as('n')])
        .where('created_at', '>=', from)
        .where('created_at', '<', to);
      if (customer !== undefined) q = q.where('customer_id', '=', customer);
      const rows = await q.groupBy(['customer_id', 'kind', 'channel']).execute();
      return rows.map((r) => ({
        customer: r.customer_id,
        kind: r.kind as TicketKind,
        channel: r.channel,
        count: Number(r.n),
      }));
    },
    async idsCreated(from, to, kinds, customer, limit, after) {
      if (kinds?.length === 0) return [];
      let q = db
        .selectFrom('tickets')
        .select(['id', 'customer_id', 'created_at'])
        .where('created_at', '>=', from)
        .where('created_at', '<', to);
      if (kinds !== undefined) q = q.where('kind', 'in', [...kinds]);
      if (customer !== undefined) q = q.where('customer_id', '=', customer);
      if (after)
        q = q.where((eb) =>
          eb.or([
            eb('created_at', '>', after.createdAt),
            eb.and([eb('created_at', '=', after.createdAt), eb('id', '>', after.id)]),
          ]),
        );
      return (await q.orderBy('created_at').orderBy('id').limit(limit).execute()).map((r) => ({
        ticketId: Number(r.id),
        customer: r.customer_id,
        createdAt: Number(r.created_at),
      }));
    },
    async idsCreatedSince(from, to, afterId, limit) {
      const rows = await db
        .selectFrom('tickets')
        .select('id')
        .where('created_at', '>=', from)
        .where('created_at', '<', to)
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r) => Number(r.id));
    },
    async firstCreatedAt() {
      const r = await db
        .selectFrom('tickets')
        .select((eb) => eb.fn.min('created_at').as('first'))
        .executeTakeFirst();
      return r?.first === null || r?.first === undefined ? undefined : Number(r.first);
    },
    async openIds(before, customer, limit) {
      let q = db
        .selectFrom('tickets')
        .select('id')
        .where('status', 'in', ['new', 'open', 'waiting'])
        .where('created_at', '<', before);
      if (customer !== undefined) q = q.where('customer_id', '=', customer);
      return (await q.orderBy('id').limit(limit).execute()).map((r) => Number(r.id));
    },
    async idsWithLateEvents(from, to, customer, limit) {
      // Late entries are few: the partial index of migration 014 holds only them.
      let q = db
        .selectFrom('ticket_events as e')
        .innerJoin('tickets as t', 't.id', 'e.ticket_id')
        .select('e.ticket_id')
        .distinct()
        .where('e.late', '=', sql.lit(1)) // a literal, as the partial index's condition is
        .where('e.at', '>=', from)
        .where('e.at', '<', to);
      if (customer !== undefined) q = q.where('t.customer_id', '=', customer);
      const rows = await q.orderBy('e.ticket_id').limit(limit).execute();
      return rows.map((r) => Number(r.ticket_id));
    },
  };
}
