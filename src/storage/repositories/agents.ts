import type { Kysely, Selectable } from 'kysely';
import type { AvailabilityTables } from '../availability-tables.js';
import type { Database } from '../database.js';
import type { AgentRepository } from '../../services/store/index.js';

export function agentRepository(db: Kysely<Database>): AgentRepository {
  const fromRow = (r: Selectable<AvailabilityTables['agents']>) => ({
    location: r.location,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
    silentSince: r.silent_since,
    version: r.version,
  });
  return {
    async get(location) {
      const r = await db
        .selectFrom('agents')
        .selectAll()
        .where('location', '=', location)
        .executeTakeFirst();
      return r && fromRow(r);
    },
    async list() {
      return (await db.selectFrom('agents').selectAll().orderBy('location').execute()).map(fromRow);
    },
    async save(a) {
      const row = {
        location: a.location,
        first_seen_at: a.firstSeenAt,
        last_seen_at: a.lastSeenAt,
        silent_since: a.silentSince,
        version: a.version,
      };
      const { location: _location, first_seen_at: _firstSeenAt, ...rest } = row;
      await db
        .insertInto('agents')
        .values(row)
        .onConflict((oc) => oc.column('location').doUpdateSet(rest))
        .execute();
    },
    async openSilence(location, from) {
      await db
        .insertInto('agent_silences')
        .values({ location, from_at: from, to_at: null })
        .execute();
    },
    async closeSilence(location, to) {
      await db
        .updateTable('agent_silences')
        .set({ to_at: to })
        .where('location', '=', location)
        .where('to_at', 'is', null)
        .execute();
    },
    async silences(locations, from, to) {
      if (locations.length === 0) return [];
      const rows = await db
        .selectFrom('agent_silences')
        .selectAll()
        .where('location', 'in', [...locations])
        .where('from_at', '<', to)
        .where((eb) => eb.or([eb('to_at', 'is', null), eb('to_at', '>', from)]))
        .orderBy('from_at')
        .execute();
      return rows.map((r) => ({ location: r.location, from: r.from_at, to: r.to_at }));
    },
    async bindToken(tokenId, location) {
      await db.insertInto('probe_tokens').values({ token_id: tokenId, location }).execute();
    },
    async tokenLocation(tokenId) {
      return (
        await db
          .selectFrom('probe_tokens')
          .select('location')
          .where('token_id', '=', tokenId)
          .executeTakeFirst()
      )?.location;
    },
  };
}
