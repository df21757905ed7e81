import type { Instant } from '../../domain/time.js';
import type { ServiceContext } from '../context.js';
import type { Signal } from '../store.js';
import { refreshClocks } from '../tickets/refresh-clocks.js';

export interface SweepResult {
  readonly tickets: number;
  readonly signals: readonly Signal[];
}

/**
 * Brings every clock whose warning or deadline has passed up to date at `now`, which
 * records its warning or breach signal. The clock index answers "what changes before
 * now?" from a B-tree, so a sweep costs what changed, not what is open.
 */
export async function sweepClocks({ ctx, batch = 500 }: { ctx: ServiceContext; batch?: number }): Promise<SweepResult> {
  const now: Instant = ctx.time.now();
  let tickets = 0;
  const signals: Signal[] = [];
  const done = new Set<number>();
  for (;;) {
    const due = await ctx.store.clocks.changingBefore(now, batch);
    // A refreshed clock always looks ahead of `now`; meeting one again would mean a bug, not work.
    const ids = [...new Set(due.map((c) => c.ticketId))].filter((id) => !done.has(id));
    if (ids.length === 0) break;
    for (const id of ids) {
      done.add(id);
      const emitted = await ctx.store.transaction(async (tx) => {
        const ticket = await tx.tickets.get(id, { lock: true });
        if (!ticket) return [];
        const customer = await tx.customers.get(ticket.customer);
        return (await refreshClocks(tx, ctx.policy, ticket, customer, now)).signals;
      });
      signals.push(...emitted);
      tickets++;
    }
    if (due.length < batch) break;
  }
  return { tickets, signals };
}
