import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialects/capabilities.js';

/** The first schema: customers, tickets with their events and clocks, the signal stream, tokens. */
export async function up(db: Kysely<unknown>, dialect: DialectCapabilities): Promise<void> {
  await db.schema
    .createTable('customers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('plan', 'text')
    .addColumn('monthly_fee_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('overrides', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await dialect
    .withGeneratedId(db.schema.createTable('tickets'), 'id')
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('created_kind', 'text', (c) => c.notNull())
    .addColumn('created_priority', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('breached', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_due_at', 'bigint')
    .addColumn('last_event_at', 'bigint', (c) => c.notNull())
    .addColumn('event_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('tickets_customer_created')
    .on('tickets')
    .columns(['customer_id', 'created_at'])
    .execute();
  await db.schema.createIndex('tickets_created').on('tickets').column('created_at').execute();
  await db.schema
    .createIndex('tickets_queue')
    .on('tickets')
    .columns(['status', 'breached', 'next_due_at'])
    .execute();
  await db.schema
    .createIndex('tickets_external')
    .on('tickets')
    .columns(['customer_id', 'external_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('ticket_events')
    .addColumn('ticket_id', 'bigint', (c) => c.notNull().references('tickets.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('recorded_at', 'bigint', (c) => c.notNull())
    .addColumn('actor', 'text')
    .addColumn('note', 'text')
    .addColumn('rating', 'integer')
    .addColumn('kind', 'text')
    .addColumn('priority', 'text')
    .addPrimaryKeyConstraint('ticket_events_pk', ['ticket_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('ticket_events_type_at')
    .on('ticket_events')
    .columns(['type', 'at'])
    .execute();

  await db.schema
    .createTable('ticket_clocks')
    .addColumn('ticket_id', 'bigint', (c) => c.notNull().references('tickets.id'))
    .addColumn('commitment', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('target_ms', 'bigint', (c) => c.notNull())
    .addColumn('due_at', 'bigint')
    .addColumn('stopped_at', 'bigint')
    .addColumn('breached_at', 'bigint')
    .addColumn('next_at', 'bigint')
    .addColumn('warned', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('ticket_clocks_pk', ['ticket_id', 'commitment'])
    .execute();
  // The sweep asks "which clocks change before t?" every second; only running clocks have next_at.
  await db.schema
    .createIndex('ticket_clocks_next')
    .on('ticket_clocks')
    .column('next_at')
    .where('next_at', 'is not', null)
    .execute();
  await db.schema
    .createIndex('ticket_clocks_breached')
    .on('ticket_clocks')
    .columns(['breached_at'])
    .execute();
  await db.schema
    .createIndex('ticket_clocks_stopped')
    .on('ticket_clocks')
    .columns(['stopped_at'])
    .execute();

  await dialect
    .withGeneratedId(db.schema.createTable('signals'), 'id')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('recorded_at', 'bigint', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('commitment', 'text')
    .addColumn('customer_id', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .execute();
  await db.schema.createIndex('signals_at').on('signals').column('at').execute();

  await db.schema
    .createTable('tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.references('customers.id'))
    .addColumn('name', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();

  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}
