import type { Kysely, Selectable } from 'kysely';
import type { Signal, SignalRepository } from '../../services/store/index.js';
import type { Database } from '../database.js';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import { chunks } from './rows.js';

export function signalRepository(
  db: Kysely<Database>,
  caps: DialectCapabilities,
): SignalRepository {
  const fromRow = (r: Selectable<Database['signals']>): Signal => ({
    id: Number(r.id),
    at: r.at,
    recordedAt: r.recorded_at,
    type: r.type,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    commitment: r.commitment,
    customer: r.customer_id,
    data: JSON.parse(r.data) as Signal['data'],
  });
  return {
    async append(signals) {
      const out: Signal[] = [];
      for (const chunk of chunks(signals, Math.floor(caps.maxParameters / 10))) {
        const rows = await db
          .insertInto('signals')
          .values(
            chunk.map((s) => ({
              at: s.at,
              recorded_at: s.recordedAt,
              type: s.type,
              subject_type: s.subjectType,
              subject_id: s.subjectId,
              commitment: s.commitment,
              customer_id: s.customer,
              data: JSON.stringify(s.data),
              dedupe_key: s.dedupeKey,
            })),
          )
          .onConflict((oc) => oc.column('dedupe_key').doNothing())
          .returningAll()
          .execute();
        out.push(...rows.map(fromRow));
      }
      return out;
    },
    async after(cursor, limit, filter = {}) {
      let q = db.selectFrom('signals').selectAll().where('id', '>', cursor);
      if (filter.customer !== undefined) q = q.where('customer_id', '=', filter.customer);
      if (filter.subjectId !== undefined) q = q.where('subject_id', '=', filter.subjectId);
      if (filter.subjectType !== undefined) q = q.where('subject_type', '=', filter.subjectType);
      if (filter.type !== undefined) q = q.where('type', '=', filter.type);
      return (await q.orderBy('id').limit(limit).execute()).map(fromRow);
    },
    async between(from, to, filter, limit) {
      let q = db.selectFrom('signals').selectAll().where('at', '>=', from).where('at', '<', to);
      if (filter.customer !== undefined) q = q.where('customer_id', '=', filter.customer);
      if (filter.types && filter.types.length > 0) q = q.where('type', 'in', [...filter.types]);
      const after = filter.after;
      if (after)
        q = q.where((eb) =>
          eb.or([
            eb('at', '>', after.at),
            eb.and([eb('at', '=', after.at), eb('id', '>', after.id)]),
          ]),
        );
      return (await q.orderBy('at').orderBy('id').limit(limit).execute()).map(fromRow);
    },
  };
}
