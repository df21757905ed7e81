import type { Kysely } from 'kysely';
import type { DowntimeRepository } from '../../services/store/index.js';
import type { Database } from '../database.js';

export function downtimeRepository(db: Kysely<Database>): DowntimeRepository {
  return {
    async open(d) {
      await db
        .insertInto('monitor_downtimes')
        .values({
          monitor_id: d.monitorId,
          location: d.location,
          service: d.service,
          from_at: d.from,
          to_at: null,
          cause: d.cause,
          message: d.message,
        })
        .execute();
    },
    async close(monitorId, location, to) {
      await db
        .updateTable('monitor_downtimes')
        .set({ to_at: to })
        .where('monitor_id', '=', monitorId)
        .where('location', '=', location)
        .where('to_at', 'is', null)
        .execute();
    },
    async ofService(service, from, to) {
      const rows = await db
        .selectFrom('monitor_downtimes')
        .selectAll()
        .where('service', '=', service)
        .where('from_at', '<', to)
        .where((eb) => eb.or([eb('to_at', 'is', null), eb('to_at', '>', from)]))
        .orderBy('from_at')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: Number(r.id),
        monitorId: r.monitor_id,
        location: r.location,
        service: r.service,
        from: r.from_at,
        to: r.to_at,
        cause: r.cause,
        message: r.message,
      }));
    },
    async servicesDownBetween(from, to) {
      const rows = await db
        .selectFrom('monitor_downtimes')
        .select('service')
        .distinct()
        .where('from_at', '<', to)
        .where((eb) => eb.or([eb('to_at', 'is', null), eb('to_at', '>', from)]))
        .orderBy('service')
        .execute();
      return rows.map((r) => r.service);
    },
  };
}
