import { notFound } from '../../domain/errors.js';
import { canSee, requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { silentLocations } from './catalog.js';
import { monitorView } from './view.js';

export async function getMonitor({ ctx, input }: { ctx: ServiceContext; input: { id: string } }) {
  requireRole(ctx.caller, ['admin', 'agent', 'customer', 'auditor'], 'reading a monitor');
  const row = await ctx.store.monitors.get(input.id);
  // Another customer's monitor reads as missing: a customer must not learn what others have.
  if (
    !row ||
    row.removedAt !== null ||
    (ctx.caller.role === 'customer' && (row.customer === null || !canSee(ctx.caller, row.customer)))
  ) {
    throw notFound(`there is no monitor "${input.id}"`);
  }
  return monitorView(
    ctx.policy,
    row,
    await ctx.store.monitorStates.list([row.id]),
    await silentLocations(ctx.store),
  );
}
