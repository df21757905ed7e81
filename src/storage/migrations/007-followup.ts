import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialects/capabilities.js';

/**
 * A revision on every ticket (for reusing closed months' compliance facts), corrections of ticket histories (the audit trail of who changed what, when and why), and
 * the runs of scheduled reports: one row per schedule and period, with the generated file
 * and its delivery state, so a restart neither skips nor repeats a report.
 */
export async function up(db: Kysely<unknown>, dialect: DialectCapabilities): Promise<void> {
  // Bumped by every write that changes what a ticket contributes to compliance, so a closed
  // month's facts can be reused while count and sum of revisions before its end stay the same.
  await db.schema
    .alterTable('tickets')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('tickets_created_revision')
    .on('tickets')
    .columns(['created_at', 'revision'])
    .execute();

  await dialect
    .withGeneratedId(db.schema.createTable('ticket_corrections'), 'id')
    .addColumn('ticket_id', 'bigint', (c) => c.notNull().references('tickets.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer')
    .addColumn('before', 'text', (c) => c.notNull()) // JSON: the ticket and its events before
    .addColumn('after', 'text', (c) => c.notNull()) // JSON: … and after
    .addColumn('effects', 'text', (c) => c.notNull()) // JSON: breaches withdrawn and added, credit months recomputed
    .execute();
  await db.schema
    .createIndex('ticket_corrections_ticket')
    .on('ticket_corrections')
    .columns(['ticket_id', 'id'])
    .execute();
  await db.schema
    .createIndex('ticket_corrections_at')
    .on('ticket_corrections')
    .columns(['at'])
    .execute();

  await db.schema
    .createTable('report_schedule_runs')
    .addColumn('schedule', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // generating | queued | failed
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('next_attempt_at', 'bigint')
    .addColumn('lease_until', 'bigint')
    .addColumn('generated_at', 'bigint')
    .addColumn('error', 'text')
    .addColumn('file_name', 'text')
    .addColumn('content_type', 'text')
    // Base64 text: one column type on both databases; a report is a few hundred kilobytes.
    .addColumn('content', 'text')
    .addColumn('size', 'integer')
    .addColumn('recipients', 'text', (c) => c.notNull()) // JSON: [{ target, name, channels }]
    .addColumn('notifications', 'text', (c) => c.notNull()) // JSON: outbox ids
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_schedule_runs_pk', ['schedule', 'period'])
    .execute();
  await db.schema
    .createIndex('report_schedule_runs_retry')
    .on('report_schedule_runs')
    .columns(['status', 'next_attempt_at'])
    .execute();
}
