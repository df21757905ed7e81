import { sql, type Kysely } from 'kysely';

/**
 * The reports count late entries (events recorded more than the tolerance after their time)
 * per period. They are few, so a partial index holds only them, by time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('ticket_events_late_at')
    .on('ticket_events')
    .column('at')
    .where(sql.ref('late'), '=', 1)
    .execute();
}
