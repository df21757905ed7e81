import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialects/capabilities.js';

/**
 * The improvement plan (monthly items with owner, due date, linked breaches and status, and the
 * quarterly reviews of their effect), and a record of generated reports for the scheduler.
 */
export async function up(db: Kysely<unknown>, dialect: DialectCapabilities): Promise<void> {
  await dialect
    .withGeneratedId(db.schema.createTable('improvement_items'), 'id')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('links', 'text', (c) => c.notNull()) // JSON: [{ commitment, ticket?, signal? }]
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('improvement_items_month')
    .on('improvement_items')
    .columns(['month', 'id'])
    .execute();

  await db.schema
    .createTable('improvement_reviews')
    .addColumn('item_id', 'bigint', (c) => c.notNull().references('improvement_items.id'))
    .addColumn('quarter', 'text', (c) => c.notNull())
    .addColumn('effect', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('reviewer', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('improvement_reviews_pk', ['item_id', 'quarter'])
    .execute();

  await db.schema
    .createTable('report_runs')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('generated_at', 'bigint', (c) => c.notNull())
    .addColumn('delivered_to', 'text', (c) => c.notNull()) // JSON: recipients it went to
    .addPrimaryKeyConstraint('report_runs_pk', ['kind', 'period'])
    .execute();
}
