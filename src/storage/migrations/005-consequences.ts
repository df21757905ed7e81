import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialects/capabilities.js';

/**
 * Consequences: alerts with their escalation state and log, the notification outbox with
 * its per-attempt log, the signal readers' cursors, the credit ledger with its audit trail,
 * and the expedite flag on tickets (for queue order).
 */
export async function up(db: Kysely<unknown>, dialect: DialectCapabilities): Promise<void> {
  await db.schema.alterTable('tickets').addColumn('expedited_at', 'bigint').execute();

  await db.schema
    .createTable('signal_cursors')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .execute();

  await dialect
    .withGeneratedId(db.schema.createTable('alerts'), 'id')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('signal_id', 'bigint', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('commitment', 'text')
    .addColumn('customer_id', 'text')
    .addColumn('service', 'text')
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('escalation', 'text', (c) => c.notNull())
    .addColumn('channels', 'text', (c) => c.notNull())
    .addColumn('start_level', 'integer', (c) => c.notNull())
    .addColumn('steps', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('level', 'integer')
    .addColumn('expedite', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'bigint', (c) => c.notNull())
    .addColumn('next_at', 'bigint')
    .addColumn('signal_count', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('last_signal_at', 'bigint', (c) => c.notNull())
    .addColumn('acknowledged_at', 'bigint')
    .addColumn('acknowledged_by', 'text')
    .addColumn('resolved_at', 'bigint')
    .addColumn('resolution', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alerts_due').on('alerts').columns(['status', 'next_at']).execute();
  await db.schema.createIndex('alerts_key').on('alerts').columns(['key', 'status']).execute();
  await db.schema.createIndex('alerts_cause').on('alerts').columns(['cause', 'status']).execute();

  await dialect
    .withGeneratedId(db.schema.createTable('alert_log'), 'id')
    .addColumn('alert_id', 'bigint', (c) => c.notNull().references('alerts.id'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('alert_log_alert')
    .on('alert_log')
    .columns(['alert_id', 'id'])
    .execute();

  await dialect
    .withGeneratedId(db.schema.createTable('notifications'), 'id')
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('alert_id', 'bigint')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text')
    .addColumn('recipient_name', 'text')
    .addColumn('channels', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('context', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('channel_index', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('not_before', 'bigint', (c) => c.notNull())
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('lease_until', 'bigint')
    .addColumn('lease_owner', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('delivered_at', 'bigint')
    .addColumn('delivered_via', 'text')
    .addColumn('last_error', 'text')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  // The outbox is read by "what is due?": pending by time, and sending rows whose lease ran out.
  await db.schema
    .createIndex('notifications_due')
    .on('notifications')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('notifications_alert')
    .on('notifications')
    .columns(['alert_id'])
    .execute();

  await dialect
    .withGeneratedId(db.schema.createTable('notification_attempts'), 'id')
    .addColumn('notification_id', 'bigint', (c) => c.notNull().references('notifications.id'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('notification_attempts_n')
    .on('notification_attempts')
    .columns(['notification_id', 'id'])
    .execute();

  await db.schema
    .createTable('credit_lines')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('line_key', 'text', (c) => c.notNull())
    .addColumn('commitment', 'text', (c) => c.notNull())
    .addColumn('consequence', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('due_at', 'bigint')
    .addColumn('breached_at', 'bigint')
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('credit_lines_pk', ['month', 'customer_id', 'line_key'])
    .execute();

  await dialect
    .withGeneratedId(db.schema.createTable('credit_audit'), 'id')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('line_key', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('credit_audit_month')
    .on('credit_audit')
    .columns(['month', 'customer_id'])
    .execute();
}
