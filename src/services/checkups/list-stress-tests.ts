import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { runView } from './run-view.js';

export async function listStressTests({ ctx }: { ctx: ServiceContext }) {
  requireRole(ctx.caller, ['admin', 'agent', 'auditor'], 'reading stress tests');
  const tests = [];
  for (const s of ctx.policy.availability.stressTests) {
    const runs = await ctx.store.checkups.list({ kind: 'stress', name: s.id, limit: 10 });
    const last = runs.find((r) => r.status !== 'missed');
    tests.push({
      id: s.id,
      name: s.name,
      every: s.every,
      target: s.target ?? null,
      mode: s.target ? 'built-in' : 'external',
      limits: {
        requests: s.requests,
        concurrency: s.concurrency,
        maxDurationMs: s.maxDurationMs,
        maxP99Ms: s.maxP99Ms ?? null,
        maxErrorRatePercent: s.maxErrorRatePercent ?? null,
      },
      status: runs[0]?.status ?? 'never_run',
      lastRun: last ? runView(last) : null,
      recent: runs.map(runView),
    });
  }
  return { stressTests: tests };
}
