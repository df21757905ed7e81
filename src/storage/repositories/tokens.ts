import type { Kysely, Selectable } from 'kysely';
import type { StoredToken, TokenRepository } from '../../services/store/index.js';
import type { Database } from '../database.js';

export function tokenRepository(db: Kysely<Database>): TokenRepository {
  const fromRow = (r: Selectable<Database['tokens']>): StoredToken => ({
    id: r.id,
    hash: r.hash,
    role: r.role as StoredToken['role'],
    customer: r.customer_id,
    name: r.name,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
  });
  return {
    async insert(t) {
      await db
        .insertInto('tokens')
        .values({
          id: t.id,
          hash: t.hash,
          role: t.role,
          customer_id: t.customer,
          name: t.name,
          created_at: t.createdAt,
          revoked_at: t.revokedAt,
        })
        .execute();
    },
    async findByHash(hash) {
      const r = await db
        .selectFrom('tokens')
        .selectAll()
        .where('hash', '=', hash)
        .executeTakeFirst();
      return r && fromRow(r);
    },
    async list() {
      return (
        await db.selectFrom('tokens').selectAll().orderBy('created_at').orderBy('id').execute()
      ).map(fromRow);
    },
    async revoke(id, at) {
      const r = await db
        .updateTable('tokens')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async countActive(role) {
      const r = await db
        .selectFrom('tokens')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', role)
        .where('revoked_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
