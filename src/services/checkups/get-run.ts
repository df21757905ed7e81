import { notFound } from '../../domain/errors.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { runView } from './run-view.js';

export async function getCheckupRun({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: number };
}) {
  requireRole(ctx.caller, ['admin', 'agent', 'auditor'], 'reading a run');
  const r = await ctx.store.checkups.get(input.id);
  if (!r) throw notFound(`there is no run ${input.id}`);
  return runView(r);
}
