import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialects/capabilities.js';

/**
 * The quarterly third-party assessments: what the assessor found and concluded about a
 * quarter, with who recorded it (the token's id and name) and the server's time. Findings are
 * one JSON column: they are read and shown whole, never queried one by one.
 */
export async function up(db: Kysely<unknown>, dialect: DialectCapabilities): Promise<void> {
  await dialect
    .withGeneratedId(db.schema.createTable('assessments'), 'id')
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('assessor', 'text', (c) => c.notNull())
    .addColumn('organisation', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_by_name', 'text')
    .addColumn('recorded_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('assessments_period')
    .on('assessments')
    .columns(['period', 'date'])
    .execute();
}
