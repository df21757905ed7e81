import { sql, type Kysely } from 'kysely';
import type { CheckHourDelta, CheckHourRepository } from '../../services/store/index.js';
import type { Database } from '../database.js';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import { chunks } from './rows.js';

export function checkHourRepository(
  db: Kysely<Database>,
  caps: DialectCapabilities,
): CheckHourRepository {
  return {
    async add(deltas) {
      const merged = new Map<string, CheckHourDelta>();
      for (const d of deltas) {
        const key = `${d.monitorId}\u0000${d.location}\u0000${d.hour}`;
        const p = merged.get(key);
        merged.set(
          key,
          p
            ? {
                ...p,
                checks: p.checks + d.checks,
                failures: p.failures + d.failures,
                latencySum: p.latencySum + d.latencySum,
                latencyMax: Math.max(p.latencyMax, d.latencyMax),
              }
            : d,
        );
      }
      for (const chunk of chunks([...merged.values()], Math.floor(caps.maxParameters / 7))) {
        await db
          .insertInto('monitor_check_hours')
          .values(
            chunk.map((d) => ({
              monitor_id: d.monitorId,
              location: d.location,
              hour: d.hour,
              checks: d.checks,
              failures: d.failures,
              latency_sum: d.latencySum,
              latency_max: d.latencyMax,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['monitor_id', 'location', 'hour']).doUpdateSet({
              checks: sql`monitor_check_hours.checks + excluded.checks`,
              failures: sql`monitor_check_hours.failures + excluded.failures`,
              latency_sum: sql`monitor_check_hours.latency_sum + excluded.latency_sum`,
              // CASE, not max()/greatest(): the one spelling both databases share.
              latency_max: sql`case when excluded.latency_max > monitor_check_hours.latency_max then excluded.latency_max else monitor_check_hours.latency_max end`,
            }),
          )
          .execute();
      }
    },
    async between(monitorId, from, to) {
      const rows = await db
        .selectFrom('monitor_check_hours')
        .selectAll()
        .where('monitor_id', '=', monitorId)
        .where('hour', '>=', from)
        .where('hour', '<', to)
        .orderBy('hour')
        .orderBy('location')
        .execute();
      return rows.map((r) => ({
        monitorId: r.monitor_id,
        location: r.location,
        hour: r.hour,
        checks: r.checks,
        failures: r.failures,
        latencySum: r.latency_sum,
        latencyMax: r.latency_max,
      }));
    },
    async prune(before) {
      const r = await db
        .deleteFrom('monitor_check_hours')
        .where('hour', '<', before)
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
