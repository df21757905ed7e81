import type { Kysely } from 'kysely';
import type { LeaseRepository } from '../../services/store/index.js';
import type { Database } from '../database.js';

export function leaseRepository(db: Kysely<Database>): LeaseRepository {
  return {
    async claim(name, owner, until, now) {
      const r = await db
        .insertInto('leases')
        .values({ name, owner, until })
        .onConflict((oc) =>
          oc.column('name').doUpdateSet({ owner, until }).where('leases.until', '<=', now),
        )
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
  };
}
