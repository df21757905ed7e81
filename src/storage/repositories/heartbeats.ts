import { sql, type Kysely } from 'kysely';
import type { HeartbeatReportKind, HeartbeatRepository } from '../../services/store/index.js';
import type { Database } from '../database.js';

export function heartbeatRepository(db: Kysely<Database>): HeartbeatRepository {
  return {
    async record(monitorId, report) {
      if (report.kind === 'success') {
        await db
          .insertInto('heartbeat_pings')
          .values({ monitor_id: monitorId, last_ping_at: report.at, pings: 1 })
          .onConflict((oc) =>
            oc.column('monitor_id').doUpdateSet({
              last_ping_at: sql`case when excluded.last_ping_at > heartbeat_pings.last_ping_at then excluded.last_ping_at else heartbeat_pings.last_ping_at end`,
              pings: sql`heartbeat_pings.pings + 1`,
            }),
          )
          .execute();
      }
      // The latest report wins; at the same instant the one written last (arrival order).
      await db
        .insertInto('heartbeat_reports')
        .values({
          monitor_id: monitorId,
          kind: report.kind,
          at: report.at,
          message: report.message,
        })
        .onConflict((oc) =>
          oc
            .column('monitor_id')
            .doUpdateSet((eb) => ({
              kind: eb.ref('excluded.kind'),
              at: eb.ref('excluded.at'),
              message: eb.ref('excluded.message'),
            }))
            .where('heartbeat_reports.at', '<=', (eb) => eb.ref('excluded.at')),
        )
        .execute();
    },
    async get(monitorId) {
      const [ping, report] = await Promise.all([
        db
          .selectFrom('heartbeat_pings')
          .select('last_ping_at')
          .where('monitor_id', '=', monitorId)
          .executeTakeFirst(),
        db
          .selectFrom('heartbeat_reports')
          .selectAll()
          .where('monitor_id', '=', monitorId)
          .executeTakeFirst(),
      ]);
      return {
        ...(ping ? { lastPingAt: ping.last_ping_at } : {}),
        ...(report
          ? {
              latest: {
                kind: report.kind as HeartbeatReportKind,
                at: report.at,
                message: report.message,
              },
            }
          : {}),
      };
    },
  };
}
