import { notFound } from '../../domain/errors.js';
import { toIso } from '../../domain/time.js';
import { requireRole, scopeOf } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import type { MonitorRow } from '../availability/store.js';
import type { Store } from '../store.js';
import type { TimeSource } from '../../domain/time.js';

/**
 * A heartbeat: the job (a cron run, a backup) says it ran. Over its secret ping URL, which needs
 * no token (a cron line holds no credentials), or over the API with a token.
 */
export async function pingByKey(store: Store, time: TimeSource, key: string) {
  const row = await store.monitors.byPingKey(key);
  if (!row || row.type !== 'heartbeat') throw notFound('no heartbeat monitor has this ping URL');
  return record(store, row, time.now());
}

export async function pingMonitor({ ctx, input }: { ctx: ServiceContext; input: { id: string } }) {
  requireRole(ctx.caller, ['admin', 'agent', 'customer'], 'pinging a heartbeat');
  const row = await ctx.store.monitors.get(input.id);
  const scope = scopeOf(ctx.caller);
  if (!row || row.removedAt !== null || row.type !== 'heartbeat' || (scope !== undefined && row.customer !== scope)) throw notFound(`there is no heartbeat monitor "${input.id}"`);
  return record(ctx.store, row, ctx.time.now());
}

async function record(store: Store, row: MonitorRow, now: number) {
  await store.monitors.recordPing(row.id, now);
  return { monitor: row.id, pingedAt: toIso(now) };
}
