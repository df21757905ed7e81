import { notFound } from '../../domain/errors.js';
import type { CheckerSet } from '../../sources/probes/checker.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { runHealthSuite } from './health-suite.js';
import { runView } from './run-view.js';

export async function runHealthCheckNow({
  ctx,
  checkers,
  input,
}: {
  ctx: ServiceContext;
  checkers: CheckerSet;
  input: { id: string };
}) {
  requireRole(ctx.caller, ['admin', 'agent'], 'running a health check');
  const suite = ctx.policy.availability.healthChecks.find((s) => s.id === input.id);
  if (!suite)
    throw notFound(
      `there is no health-check suite "${input.id}"; the policy declares ${ctx.policy.availability.healthChecks.map((s) => s.id).join(', ') || 'none'}`,
    );
  return runView((await runHealthSuite(ctx.store, ctx.time, checkers, suite, 'manual', null)).run);
}
