import type { Instant } from '../../domain/time.js';
import type { ServiceContext } from '../context.js';
import { monthStatusesOver } from '../months/status.js';
import { policyAt } from '../policy/terms.js';
import { refreshClocks } from './refresh.js';

/**
 * Re-derives the clocks of every ticket created in [from, to), each under the terms in force
 * when it was created, one transaction a ticket. Tickets created in a closed month keep the
 * clocks they have: a closed month is not re-derived until it is reopened. Returns how many
 * tickets were re-derived.
 */
export async function rederiveCreated({
  ctx,
  from,
  to,
  batch = 500,
}: {
  ctx: ServiceContext;
  from: Instant;
  to: Instant;
  batch?: number;
}): Promise<number> {
  const now = ctx.time.now();
  const first = await ctx.store.tickets.firstCreatedAt();
  if (first === undefined) return 0;
  const lo = Math.max(from, first);
  const hi = Math.min(to, now + 1);
  if (hi <= lo) return 0;
  let refreshed = 0;
  for (const m of await monthStatusesOver(ctx.store, ctx.policy, lo, hi, now)) {
    if (m.state === 'closed') continue;
    let cursor = 0;
    for (;;) {
      const ids = await ctx.store.tickets.idsCreatedSince(
        Math.max(lo, m.from),
        Math.min(hi, m.to),
        cursor,
        batch,
      );
      for (const id of ids) {
        await ctx.store.transaction(async (tx) => {
          const ticket = await tx.tickets.get(id, { lock: true });
          if (!ticket) return;
          await refreshClocks(
            tx,
            policyAt(ctx, ticket.createdAt),
            ticket,
            await tx.customers.get(ticket.customer),
            now,
          );
        });
        refreshed++;
      }
      if (ids.length < batch) break;
      cursor = ids[ids.length - 1]!;
    }
  }
  return refreshed;
}
