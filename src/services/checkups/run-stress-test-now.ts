import { SuretyError } from '../../domain/errors.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import type { LoadRunner } from '../../sources/probes/load-runner.js';
import { runStressTest } from './stress-test.js';
import { runView } from './run-view.js';
import { specOf } from './stress-spec.js';

export async function runStressTestNow({
  ctx,
  runLoad,
  input,
}: {
  ctx: ServiceContext;
  runLoad: LoadRunner;
  input: { id: string };
}) {
  requireRole(ctx.caller, ['admin'], 'running a stress test');
  const spec = specOf(ctx, input.id);
  if (!spec.target)
    throw new SuretyError(
      'conflict',
      `stress test "${spec.id}" has no target in the policy, so Surety cannot run it; post the result of the external run instead`,
    );
  return runView((await runStressTest(ctx.store, ctx.time, runLoad, spec, 'manual', null)).run);
}
