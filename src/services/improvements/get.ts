import { notFound } from '../../domain/errors.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { todayIn } from './dates.js';
import { improvementView } from './view.js';

export async function getImprovement({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: number };
}) {
  requireRole(ctx.caller, ['admin', 'agent', 'auditor'], 'reading the improvement plan');
  const item = await ctx.store.improvements.get(input.id);
  if (!item) throw notFound(`there is no improvement item ${input.id}`);
  return improvementView(item, todayIn(ctx.policy.timezone, ctx.time.now()));
}
