import { conflict, notFound } from '../../domain/errors.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { notificationView } from '../alerts/view.js';

/** Sends a failed notification again, from its first channel. */
export async function retryNotification({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: number };
}) {
  requireRole(ctx.caller, ['admin'], 'retrying a notification');
  const now = ctx.time.now();
  const n = await ctx.store.notifications.get(input.id);
  if (!n) throw notFound(`no notification ${input.id}`);
  if (n.status !== 'failed')
    throw conflict(`notification ${n.id} is ${n.status}; only a failed one can be retried`);
  await ctx.store.notifications.update(n.id, {
    status: 'pending',
    channelIndex: 0,
    attempts: 0,
    nextAttemptAt: now,
    lastError: `retried by ${ctx.caller.id}`,
  });
  return notificationView((await ctx.store.notifications.get(n.id))!);
}
