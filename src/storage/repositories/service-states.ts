import type { Kysely } from 'kysely';
import type { ServiceStateRepository } from '../../services/store/index.js';
import type { Database } from '../database.js';

export function serviceStateRepository(db: Kysely<Database>): ServiceStateRepository {
  return {
    async get(service) {
      const r = await db
        .selectFrom('service_states')
        .selectAll()
        .where('service', '=', service)
        .executeTakeFirst();
      return r && { state: r.state as 'up' | 'down', since: r.since };
    },
    async set(service, state, since) {
      await db
        .insertInto('service_states')
        .values({ service, state, since })
        .onConflict((oc) => oc.column('service').doUpdateSet({ state, since }))
        .execute();
    },
    async burnStates(service) {
      return (
        await db
          .selectFrom('burn_states')
          .select(['rule', 'since'])
          .where('service', '=', service)
          .orderBy('rule')
          .execute()
      ).map((r) => ({ rule: r.rule, since: r.since }));
    },
    async servicesBurning() {
      return (
        await db.selectFrom('burn_states').select('service').distinct().orderBy('service').execute()
      ).map((r) => r.service);
    },
    async setBurnState(service, rule, since) {
      if (since === null)
        await db
          .deleteFrom('burn_states')
          .where('service', '=', service)
          .where('rule', '=', rule)
          .execute();
      else
        await db
          .insertInto('burn_states')
          .values({ service, rule, since })
          .onConflict((oc) => oc.columns(['service', 'rule']).doUpdateSet({ since }))
          .execute();
    },
  };
}
