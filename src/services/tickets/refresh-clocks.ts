import type { Clock } from '../../domain/clock.js';
import type { Customer } from '../../domain/customer.js';
import type { Instant } from '../../domain/time.js';
import type { CustomerId, TicketId } from '../../domain/ticket.js';
import { evaluateTicketClocks } from '../../evaluate/clocks/ticket-clocks.js';
import type { Policy } from '../../policy/policy.js';
import { replay } from '../../sources/tickets/lifecycle.js';
import type {
  ClockRow,
  NewSignal,
  Signal,
  Store,
  StoredTicket,
  TicketSummary,
} from '../store/index.js';

/**
 * Re-derives a ticket's clocks at `now` and stores what indexing needs: the clock rows
 * (for the sweep and compliance), the queue summary, and a signal for every warning and
 * breach that has happened (dated when it happened; recorded once however often seen).
 * Call inside the transaction that changed the ticket.
 */
export async function refreshClocks(
  tx: Store,
  policy: Policy,
  ticket: StoredTicket,
  customer: Customer | undefined,
  now: Instant,
): Promise<{ clocks: Clock[]; signals: Signal[] }> {
  const clocks = evaluateTicketClocks(policy, ticket, customer, now);
  await tx.clocks.replaceForTicket(
    ticket.id,
    clocks.map((c) => clockRow(ticket.id, ticket.customer, c)),
  );
  await tx.tickets.updateSummary(ticket.id, summarize(ticket, clocks, now, policy));
  const signals = await tx.signals.append(
    clocks.flatMap((c) => clockSignals(ticket.id, ticket.customer, c, now)),
  );
  return { clocks, signals };
}

export function clockRow(ticketId: TicketId, customer: CustomerId, c: Clock): ClockRow {
  return {
    ticketId,
    commitment: c.commitment,
    customer,
    state: c.state,
    targetMs: c.targetMs,
    dueAt: c.dueAt,
    stoppedAt: c.stoppedAt,
    breachedAt: c.breachedAt,
    nextAt: c.nextChangeAt,
    warned: c.warnings.length,
  };
}

export function summarize(
  ticket: StoredTicket,
  clocks: readonly Clock[],
  now: Instant,
  policy?: Policy,
): TicketSummary {
  const state = replay(ticket.kind, ticket.priority, ticket.events);
  const ahead = clocks
    .filter((c) => (c.state === 'running' || c.state === 'warning') && c.dueAt !== null)
    .map((c) => c.dueAt!);
  // The expedite channel: open while a breach of a commitment that expedites stands.
  const expediting = policy
    ? clocks
        .filter((c) => c.breachedAt !== null && expedites(policy, c.commitment))
        .map((c) => c.breachedAt!)
    : [];
  return {
    expeditedAt: expediting.length > 0 ? Math.min(...expediting) : null,
    status: state.status,
    currentKind: state.kind,
    currentPriority: state.priority,
    breached: clocks.some((c) => c.breachedAt !== null),
    nextDueAt: ahead.length > 0 ? Math.min(...ahead) : null,
    updatedAt: now,
  };
}

/** A signal for every warning and breach the clock has had; the dedupe keys make them idempotent. */
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
    out.push({
      ...base,
      at: c.breachedAt,
      type: 'clock.breached',
      data: { targetMs: c.targetMs, dueAt: c.breachedAt },
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
