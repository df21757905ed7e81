import { toIso } from '../../domain/time.js';
import type { ServiceContext } from '../context.js';
import { resolveAlert } from './close.js';

/**
 * Resolves alerts about ticket clocks that no longer need anyone: the clock stopped (the
 * answer came, late or not, or the ticket was closed without it) or the ticket no longer
 * has it (reclassified). Clocks emit no signal when they stop, so open ticket alerts are
 * checked against the stored clocks.
 */
export async function settleTicketAlerts({
  ctx,
  limit = 500,
}: {
  ctx: ServiceContext;
  limit?: number;
}): Promise<{ resolved: number }> {
  const now = ctx.time.now();
  let resolved = 0;
  for (const alert of await ctx.store.alerts.openAbout('ticket', limit)) {
    if (alert.commitment === null || !/^\d+$/.test(alert.subjectId)) continue;
    const clocks = await ctx.store.clocks.forTicket(Number(alert.subjectId));
    const clock = clocks.find((c) => c.commitment === alert.commitment);
    const reason = !clock
      ? `ticket ${alert.subjectId} no longer has a ${alert.commitment} clock (reclassified)`
      : clock.state === 'cancelled' && clock.stoppedAt !== null
        ? `ticket ${alert.subjectId} was closed at ${toIso(clock.stoppedAt)} without a solution; its ${alert.commitment} clock is cancelled`
        : clock.stoppedAt !== null
          ? `ticket ${alert.subjectId}'s ${alert.commitment} clock stopped at ${toIso(clock.stoppedAt)}`
          : undefined;
    if (!reason) continue;
    const done = await ctx.store.transaction(async (tx) => {
      const fresh = await tx.alerts.get(alert.id, { lock: true });
      return fresh ? resolveAlert(tx, fresh, now, reason, { notify: true }) : false;
    });
    if (done) resolved++;
  }
  return { resolved };
}
