import type { Kysely, Selectable } from 'kysely';
import type {
  CorrectionAction,
  CorrectionRepository,
  StoredCorrection,
} from '../../services/store/index.js';
import type { Database, TicketCorrectionsTable } from '../database.js';

function fromRow(r: Selectable<TicketCorrectionsTable>): StoredCorrection {
  return {
    id: Number(r.id),
    ticketId: Number(r.ticket_id),
    customer: r.customer_id,
    at: Number(r.at),
    actor: r.actor,
    reason: r.reason,
    action: r.action as CorrectionAction,
    seq: r.seq,
    before: JSON.parse(r.before) as Record<string, unknown>,
    after: JSON.parse(r.after) as Record<string, unknown>,
    effects: JSON.parse(r.effects) as Record<string, unknown>,
    ...(r.recorded_by === null
      ? {}
      : {
          recordedBy:
            r.recorded_by_name === null
              ? { id: r.recorded_by }
              : { id: r.recorded_by, name: r.recorded_by_name },
        }),
  };
}

export function correctionRepository(db: Kysely<Database>): CorrectionRepository {
  return {
    async insert(c) {
      const row = await db
        .insertInto('ticket_corrections')
        .values({
          ticket_id: c.ticketId,
          customer_id: c.customer,
          at: c.at,
          actor: c.actor,
          reason: c.reason,
          action: c.action,
          seq: c.seq,
          before: JSON.stringify(c.before),
          after: JSON.stringify(c.after),
          effects: JSON.stringify(c.effects),
          recorded_by: c.recordedBy?.id ?? null,
          recorded_by_name: c.recordedBy?.name ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { ...c, id: Number(row.id) };
    },
    async setEffects(id, effects) {
      await db
        .updateTable('ticket_corrections')
        .set({ effects: JSON.stringify(effects) })
        .where('id', '=', id)
        .execute();
    },
    async get(id) {
      const row = await db
        .selectFrom('ticket_corrections')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && fromRow(row);
    },
    async forTicket(ticketId) {
      return (
        await db
          .selectFrom('ticket_corrections')
          .selectAll()
          .where('ticket_id', '=', ticketId)
          .orderBy('id')
          .execute()
      ).map(fromRow);
    },
    async between(from, to, customer, limit) {
      let q = db
        .selectFrom('ticket_corrections')
        .selectAll()
        .where('at', '>=', from)
        .where('at', '<', to);
      if (customer !== undefined) q = q.where('customer_id', '=', customer);
      return (await q.orderBy('at').orderBy('id').limit(limit).execute()).map(fromRow);
    },
  };
}
