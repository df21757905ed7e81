import { breachedByClose, type Clock } from '../../domain/clock.js';
import type { Instant } from '../../domain/time.js';
import type { CustomerId, TicketId } from '../../domain/ticket.js';
import type { Policy } from '../../policy/policy.js';
import type { NewSignal } from '../store/index.js';

/**
 * A signal for every warning and breach the clock has had; the dedupe keys make them
 * idempotent. A cancelled clock (closed in time without its solution) has no breach.
 */
export function clockSignals(
  ticketId: TicketId,
  customer: CustomerId,
  c: Clock,
  now: Instant,
): NewSignal[] {
  const base = {
    recordedAt: now,
    subjectType: 'ticket',
    subjectId: String(ticketId),
    commitment: c.commitment,
    customer,
  };
  const out: NewSignal[] = c.warnings.map((w) => ({
    ...base,
    at: w.at,
    type: 'clock.warning',
    data: { threshold: w.threshold, targetMs: c.targetMs, dueAt: c.dueAt },
    dedupeKey: `ticket:${ticketId}:${c.commitment}:warning:${w.threshold}`,
  }));
  if (c.breachedAt !== null) {
    // Broken by a close before the solution (`closedWithoutSolution: breach`): the deadline
    // was still ahead, and the message says why it counts.
    const byClose = breachedByClose(c);
    out.push({
      ...base,
      at: c.breachedAt,
      type: 'clock.breached',
      data: byClose
        ? { targetMs: c.targetMs, dueAt: c.dueAt, closedWithoutSolution: true }
        : { targetMs: c.targetMs, dueAt: c.breachedAt },
      dedupeKey: `ticket:${ticketId}:${c.commitment}:breached`,
    });
  }
  return out;
}

/** Whether a breach of the commitment opens the expedite channel (an `expedite` consequence in its onBreach). */
export function expedites(policy: Policy, commitment: string): boolean {
  const c = policy.commitments.find((x) => x.id === commitment);
  return (
    c !== undefined && c.onBreach.some((name) => policy.consequences.get(name)?.type === 'expedite')
  );
}
