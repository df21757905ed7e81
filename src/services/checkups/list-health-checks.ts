import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { runView } from './run-view.js';

export async function listHealthChecks({ ctx }: { ctx: ServiceContext }) {
  requireRole(ctx.caller, ['admin', 'agent', 'auditor'], 'reading health checks');
  const suites = [];
  for (const s of ctx.policy.availability.healthChecks) {
    const runs = await ctx.store.checkups.list({ kind: 'health', name: s.id, limit: 10 });
    suites.push({
      id: s.id,
      name: s.name,
      monitors: s.monitors ?? 'all',
      at: s.at.map(
        (m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`,
      ),
      last: runs[0] ? runView(runs[0]) : null,
      recent: runs.map(runView),
    });
  }
  return { timezone: ctx.policy.timezone, suites };
}
