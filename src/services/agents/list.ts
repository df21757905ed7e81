import { toIso } from '../../domain/time.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';

/** GET /agents: every location that reported, and whether it is silent. */
export async function listAgents({ ctx }: { ctx: ServiceContext }) {
  requireRole(ctx.caller, ['admin', 'agent', 'auditor'], 'listing agents');
  return {
    agents: (await ctx.store.agents.list()).map((a) => ({
      location: a.location,
      state: a.silentSince === null ? 'reporting' : 'silent',
      firstSeenAt: toIso(a.firstSeenAt),
      lastSeenAt: toIso(a.lastSeenAt),
      silentSince: a.silentSince === null ? null : toIso(a.silentSince),
      version: a.version,
    })),
  };
}
