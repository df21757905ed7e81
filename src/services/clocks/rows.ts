import type { Clock } from '../../domain/clock.js';
import type { Instant } from '../../domain/time.js';
import type { CustomerId, TicketId } from '../../domain/ticket.js';
import type { Policy } from '../../policy/policy.js';
import { replay } from '../../sources/tickets/lifecycle.js';
import type { ClockRow, StoredTicket, TicketSummary } from '../store/index.js';
import { expedites } from './clock-signals.js';

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
