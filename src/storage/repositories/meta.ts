import type { Kysely } from 'kysely';
import type { MetaRepository } from '../../services/store/index.js';
import type { Database } from '../database.js';

export function metaRepository(db: Kysely<Database>): MetaRepository {
  return {
    async get(key) {
      return (await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst())
        ?.value;
    },
    async set(key, value) {
      await db
        .insertInto('meta')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    },
  };
}
