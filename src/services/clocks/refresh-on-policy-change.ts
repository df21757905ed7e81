import type { ServiceContext } from '../context.js';
import { refreshClocks } from './refresh.js';

const POLICY_HASH = 'policy.hash';

/**
 * When the policy changed since the clocks were last stored, re-derives the clocks of every
 * ticket still in play under the new policy. Settled history (closed tickets) keeps the
 * clocks it was judged by. Returns how many tickets were refreshed, or undefined if the
 * policy is unchanged.
 */
export async function refreshIfPolicyChanged({
  ctx,
  batch = 500,
}: {
  ctx: ServiceContext;
  batch?: number;
}): Promise<number | undefined> {
  const stored = await ctx.store.meta.get(POLICY_HASH);
  if (stored === ctx.policy.hash) return undefined;
  let refreshed = 0;
  if (stored !== undefined) {
    let cursor = 0;
    for (;;) {
      const ids = await ctx.store.tickets.idsWithStatus(
        ['new', 'open', 'waiting', 'resolved'],
        cursor,
        batch,
      );
      for (const id of ids) {
        await ctx.store.transaction(async (tx) => {
          const ticket = await tx.tickets.get(id, { lock: true });
          if (!ticket) return;
          await refreshClocks(
            tx,
            ctx.policy,
            ticket,
            await tx.customers.get(ticket.customer),
            ctx.time.now(),
          );
        });
        refreshed++;
      }
      if (ids.length < batch) break;
      cursor = ids[ids.length - 1]!;
    }
  }
  await ctx.store.meta.set(POLICY_HASH, ctx.policy.hash);
  return refreshed;
}
