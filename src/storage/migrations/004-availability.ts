import { sql, type Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialects/capabilities.js';

/**
 * Availability: monitors and their current state per location, outages as intervals (not every
 * check: a check that changes nothing writes nothing but an hourly counter), heartbeat pings,
 * incidents with their timelines, maintenance windows, agents and their silences, burn-alert
 * state, health-check reports and stress-test runs.
 */
export async function up(db: Kysely<unknown>, dialect: DialectCapabilities): Promise<void> {
  await db.schema
    .createTable('monitors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull()) // JSON, as written (policy or API)
    .addColumn('locations', 'text', (c) => c.notNull()) // JSON array of location names
    .addColumn('source', 'text', (c) => c.notNull()) // 'policy' | 'api'
    .addColumn('ping_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('removed_at', 'bigint')
    .execute();
  await db.schema.createIndex('monitors_service').on('monitors').column('service').execute();

  await db.schema
    .createTable('monitor_states')
    .addColumn('monitor_id', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // pending | up | failing | down
    .addColumn('since', 'bigint')
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('detected_at', 'bigint')
    .addColumn('last_at', 'bigint')
    .addColumn('last_ok', 'integer')
    .addColumn('last_cause', 'text')
    .addColumn('last_message', 'text')
    .addColumn('last_latency_ms', 'double precision')
    .addColumn('last_warning', 'text')
    .addPrimaryKeyConstraint('monitor_states_pk', ['monitor_id', 'location'])
    .execute();

  await dialect
    .withGeneratedId(db.schema.createTable('monitor_downtimes'), 'id')
    .addColumn('monitor_id', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('from_at', 'bigint', (c) => c.notNull())
    .addColumn('to_at', 'bigint') // null while still down
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('monitor_downtimes_service')
    .on('monitor_downtimes')
    .columns(['service', 'from_at'])
    .execute();
  await db.schema
    .createIndex('monitor_downtimes_open')
    .on('monitor_downtimes')
    .columns(['monitor_id', 'location', 'to_at'])
    .execute();

  await db.schema
    .createTable('monitor_check_hours')
    .addColumn('monitor_id', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('hour', 'bigint', (c) => c.notNull())
    .addColumn('checks', 'integer', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('latency_sum', 'double precision', (c) => c.notNull())
    .addColumn('latency_max', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('monitor_check_hours_pk', ['monitor_id', 'location', 'hour'])
    .execute();

  await db.schema
    .createTable('heartbeat_pings')
    .addColumn('monitor_id', 'text', (c) => c.primaryKey())
    .addColumn('last_ping_at', 'bigint', (c) => c.notNull())
    .addColumn('pings', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('service_states')
    .addColumn('service', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull()) // up | down
    .addColumn('since', 'bigint', (c) => c.notNull())
    .execute();

  await dialect
    .withGeneratedId(db.schema.createTable('incidents'), 'id')
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull()) // monitor | manual
    .addColumn('state', 'text', (c) => c.notNull()) // open | acknowledged | mitigated | resolved
    .addColumn('detected_at', 'bigint', (c) => c.notNull())
    .addColumn('acknowledged_at', 'bigint')
    .addColumn('mitigated_at', 'bigint')
    .addColumn('resolved_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('incidents_service')
    .on('incidents')
    .columns(['service', 'detected_at'])
    .execute();
  await db.schema.createIndex('incidents_state').on('incidents').column('state').execute();
  // One unresolved incident per service, even when two writers race to open it (the loser retries).
  await db.schema
    .createIndex('incidents_one_open')
    .on('incidents')
    .column('service')
    .unique()
    .where(sql.ref('state'), '<>', 'resolved')
    .execute();

  await db.schema
    .createTable('incident_events')
    .addColumn('incident_id', 'bigint', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('recorded_at', 'bigint', (c) => c.notNull())
    .addColumn('actor', 'text')
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('incident_events_pk', ['incident_id', 'seq'])
    .execute();

  await dialect
    .withGeneratedId(db.schema.createTable('maintenance_windows'), 'id')
    .addColumn('service', 'text') // null: every service
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // once | recurring
    .addColumn('spec', 'text') // the recurring rule as written
    .addColumn('from_at', 'bigint')
    .addColumn('to_at', 'bigint')
    .addColumn('declared_at', 'bigint', (c) => c.notNull())
    .addColumn('until_at', 'bigint')
    .addColumn('source', 'text', (c) => c.notNull()) // api | policy
    .addColumn('policy_key', 'text')
    .addColumn('created_by', 'text')
    .addColumn('cancelled_at', 'bigint')
    .execute();

  await db.schema
    .createTable('agents')
    .addColumn('location', 'text', (c) => c.primaryKey())
    .addColumn('first_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('silent_since', 'bigint')
    .addColumn('version', 'text')
    .execute();

  await dialect
    .withGeneratedId(db.schema.createTable('agent_silences'), 'id')
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('from_at', 'bigint', (c) => c.notNull())
    .addColumn('to_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('agent_silences_location')
    .on('agent_silences')
    .columns(['location', 'from_at'])
    .execute();

  await db.schema
    .createTable('probe_tokens')
    .addColumn('token_id', 'text', (c) => c.primaryKey())
    .addColumn('location', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('burn_states')
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('since', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('burn_states_pk', ['service', 'rule'])
    .execute();

  await dialect
    .withGeneratedId(db.schema.createTable('checkup_runs'), 'id')
    .addColumn('kind', 'text', (c) => c.notNull()) // health | stress
    .addColumn('name', 'text', (c) => c.notNull()) // the suite or stress test id
    .addColumn('scheduled_at', 'bigint')
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // passed | failed | missed
    .addColumn('source', 'text', (c) => c.notNull()) // scheduled | manual | external
    .addColumn('report', 'text', (c) => c.notNull()) // JSON
    .execute();
  await db.schema
    .createIndex('checkup_runs_name')
    .on('checkup_runs')
    .columns(['kind', 'name', 'started_at'])
    .execute();
}
