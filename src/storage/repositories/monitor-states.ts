import type { Kysely, Selectable } from 'kysely';
import type { AvailabilityTables } from '../availability-tables.js';
import type { Database } from '../database.js';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { MonitorStateRepository, MonitorStateRow } from '../../services/store/index.js';
import { chunks } from './rows.js';

const stateFromRow = (r: Selectable<AvailabilityTables['monitor_states']>): MonitorStateRow => ({
  monitorId: r.monitor_id,
  location: r.location,
  status: r.status as MonitorStateRow['status'],
  since: r.since,
  failures: r.failures,
  detectedAt: r.detected_at,
  lastAt: r.last_at,
  lastOk: r.last_ok === null ? null : r.last_ok === 1,
  lastCause: r.last_cause,
  lastMessage: r.last_message,
  lastLatencyMs: r.last_latency_ms,
  lastWarning: r.last_warning,
});

export function monitorStateRepository(
  db: Kysely<Database>,
  caps: DialectCapabilities,
): MonitorStateRepository {
  return {
    async list(monitorIds, location) {
      const out: MonitorStateRow[] = [];
      for (const chunk of chunks([...new Set(monitorIds)], 5_000)) {
        let q = db.selectFrom('monitor_states').selectAll().where('monitor_id', 'in', chunk);
        if (location !== undefined) q = q.where('location', '=', location);
        out.push(
          ...(await q.orderBy('monitor_id').orderBy('location').execute()).map(stateFromRow),
        );
      }
      return out;
    },
    async save(rows) {
      // One row per key: PostgreSQL refuses an upsert that touches a row twice.
      const byKey = new Map(rows.map((r) => [`${r.monitorId}\u0000${r.location}`, r]));
      for (const chunk of chunks([...byKey.values()], Math.floor(caps.maxParameters / 12))) {
        await db
          .insertInto('monitor_states')
          .values(
            chunk.map((r) => ({
              monitor_id: r.monitorId,
              location: r.location,
              status: r.status,
              since: r.since,
              failures: r.failures,
              detected_at: r.detectedAt,
              last_at: r.lastAt,
              last_ok: r.lastOk === null ? null : r.lastOk ? 1 : 0,
              last_cause: r.lastCause,
              last_message: r.lastMessage,
              last_latency_ms: r.lastLatencyMs,
              last_warning: r.lastWarning,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['monitor_id', 'location']).doUpdateSet((eb) => ({
              status: eb.ref('excluded.status'),
              since: eb.ref('excluded.since'),
              failures: eb.ref('excluded.failures'),
              detected_at: eb.ref('excluded.detected_at'),
              last_at: eb.ref('excluded.last_at'),
              last_ok: eb.ref('excluded.last_ok'),
              last_cause: eb.ref('excluded.last_cause'),
              last_message: eb.ref('excluded.last_message'),
              last_latency_ms: eb.ref('excluded.last_latency_ms'),
              last_warning: eb.ref('excluded.last_warning'),
            })),
          )
          .execute();
      }
    },
  };
}
