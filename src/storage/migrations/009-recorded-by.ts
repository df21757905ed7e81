import type { Kysely } from 'kysely';

/**
 * Who recorded each ticket and event, as authenticated (a token's id and name, "cli",
 * "system"), beside the free-text `actor` label. Rows written before are left without one:
 * Surety did not know, and says so rather than guessing. `late` marks an event dated more
 * than the policy's lateEntryTolerance before it was recorded (1), kept with both times.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('ticket_events').addColumn('recorded_by', 'text').execute();
  await db.schema.alterTable('ticket_events').addColumn('recorded_by_name', 'text').execute();
  await db.schema.alterTable('ticket_events').addColumn('late', 'integer').execute();
  await db.schema.alterTable('tickets').addColumn('recorded_by', 'text').execute();
  await db.schema.alterTable('tickets').addColumn('recorded_by_name', 'text').execute();
  await db.schema.alterTable('tickets').addColumn('recorded_at', 'bigint').execute();
}
