import { SuretyError, notFound } from '../../domain/errors.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { audit } from '../audit/record.js';
import { maintenanceView } from './view.js';

export async function cancelMaintenance({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: number };
}) {
  requireRole(ctx.caller, ['admin', 'agent'], 'cancelling maintenance');
  const row = await ctx.store.maintenance.get(input.id);
  if (!row || row.cancelledAt !== null)
    throw notFound(`there is no maintenance window ${input.id}`);
  if (row.source === 'policy')
    throw new SuretyError(
      'conflict',
      `maintenance window ${input.id} is declared in the policy file; remove it there`,
    );
  await ctx.store.transaction(async (tx) => {
    await tx.maintenance.cancel(row.id, ctx.time.now());
    await audit(tx, ctx, { action: 'maintenance.cancelled', type: 'maintenance', id: row.id });
  });
  return maintenanceView((await ctx.store.maintenance.get(row.id))!);
}
