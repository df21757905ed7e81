import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialects/capabilities.js';

/**
 * Terms change from a date, not backwards. `policy_versions` keeps every policy Surety was
 * started with whose text differed from the one before: its text, who started Surety with it,
 * when (server time) and from when its terms apply. `month_events` keeps each month's closing
 * (its statement issued, by hand or once `closeAfter` had passed) and reopening, with who,
 * when and why: a closed month's clocks and credits are not re-derived until it is reopened.
 */
export async function up(db: Kysely<unknown>, dialect: DialectCapabilities): Promise<void> {
  await dialect
    .withGeneratedId(db.schema.createTable('policy_versions'), 'id')
    .addColumn('hash', 'text', (c) => c.notNull()) // SHA-256 of the text, hex
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'bigint', (c) => c.notNull())
    .addColumn('loaded_at', 'bigint', (c) => c.notNull())
    .addColumn('loaded_by', 'text', (c) => c.notNull()) // "system" (serve), "cli"
    .addColumn('loaded_by_name', 'text') // the operating-system user, when known
    .execute();
  await db.schema
    .createIndex('policy_versions_hash')
    .on('policy_versions')
    .columns(['hash', 'id'])
    .execute();

  await dialect
    .withGeneratedId(db.schema.createTable('month_events'), 'id')
    .addColumn('month', 'text', (c) => c.notNull()) // YYYY-MM in the policy time zone
    .addColumn('action', 'text', (c) => c.notNull()) // closed | reopened
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull()) // a token id, "cli", "system"
    .addColumn('actor_name', 'text')
    .execute();
  await db.schema
    .createIndex('month_events_month')
    .on('month_events')
    .columns(['month', 'id'])
    .execute();
}
