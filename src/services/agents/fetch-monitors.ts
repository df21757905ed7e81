import type { ServiceContext } from '../context.js';
import { locationOf } from './location.js';
import { seen } from './seen.js';

/** GET /agent/monitors: what an agent at `location` runs, as definitions it compiles itself. */
export async function agentMonitors({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { location: string; version?: string };
}) {
  const location = await locationOf(ctx, input.location, 'fetch its monitors');
  const now = ctx.time.now();
  await ctx.store.transaction((tx) => seen(tx, ctx.policy, location, now, input.version ?? null));
  const monitors = (await ctx.store.monitors.list()).filter(
    (m) => m.locations.includes(location) && m.type !== 'heartbeat',
  );
  return {
    location,
    monitors: monitors.map((m) => ({ id: m.id, definition: m.definition })),
    // An agent reports well within the silence limit, so one lost request is not silence.
    reportSeconds: Math.max(
      1,
      Math.min(10, Math.floor(ctx.policy.availability.agentSilentAfterMs / 4000)),
    ),
    refreshSeconds: 30,
    silentAfterSeconds: ctx.policy.availability.agentSilentAfterMs / 1000,
  };
}
