import type { Kysely } from 'kysely';

/**
 * A heartbeat's job can say more than "I ran": it failed (/fail) or it started (/start). The
 * latest report of each job decides whether it is failing or running; heartbeat_pings keeps
 * the latest success, which the period counts from.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('heartbeat_reports')
    .addColumn('monitor_id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull()) // success | fail | start
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('message', 'text') // the job's words on a failure
    .execute();
}
