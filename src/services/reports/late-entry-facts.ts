import { toIso } from '../../domain/time.js';
import { lateEntries } from '../../evaluate/compliance/late-entries.js';
import type { LateEntryFacts } from '../../reports/facts.js';
import type { ServiceContext } from '../context.js';

/** More tickets with late entries than this in one period are a problem of their own. */
const MAX_TICKETS = 10_000;

/**
 * The period's late entries from the stored histories, their clocks evaluated now as the rest
 * of the report's are. `staff` lists them; a customer's report has the counts only.
 */
export async function lateEntryFacts(
  ctx: ServiceContext,
  period: { from: number; to: number },
  customer: string | undefined,
  staff: boolean,
): Promise<LateEntryFacts> {
  const ids = await ctx.store.tickets.idsWithLateEvents(
    period.from,
    period.to,
    customer,
    MAX_TICKETS,
  );
  const tickets = await ctx.store.tickets.getMany(ids);
  const terms = new Map((await ctx.store.customers.list()).map((c) => [c.id, c]));
  const found = lateEntries(
    ctx.policy,
    tickets.map((t) => ({ ticket: t, customer: terms.get(t.customer) })),
    period,
    ctx.time.now(),
  );
  return {
    toleranceMs: ctx.policy.lateEntryToleranceMs,
    count: found.count,
    changedOutcome: found.changedOutcome,
    items: !staff
      ? []
      : found.items.map((i) => ({
          ticket: i.ticket,
          customer: i.customer,
          seq: i.seq,
          type: i.type,
          at: toIso(i.at),
          recordedAt: toIso(i.recordedAt),
          recordedBy: i.recordedBy,
          changed: i.changed,
        })),
  };
}
