import type { Kysely } from 'kysely';
import type { CursorRepository } from '../../services/store/index.js';
import type { Database } from '../database.js';

export function cursorRepository(db: Kysely<Database>): CursorRepository {
  return {
    async get(name) {
      return (
        (
          await db
            .selectFrom('signal_cursors')
            .select('position')
            .where('name', '=', name)
            .executeTakeFirst()
        )?.position ?? 0
      );
    },
    async advance(name, from, to) {
      if (from === 0) {
        // The first move creates the row; a concurrent creator makes this insert a no-op.
        await db
          .insertInto('signal_cursors')
          .values({ name, position: 0 })
          .onConflict((oc) => oc.column('name').doNothing())
          .execute();
      }
      const r = await db
        .updateTable('signal_cursors')
        .set({ position: to })
        .where('name', '=', name)
        .where('position', '=', from)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}
