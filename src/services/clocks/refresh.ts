import type { Clock } from '../../domain/clock.js';
import type { Customer } from '../../domain/customer.js';
import type { Instant } from '../../domain/time.js';
import { evaluateTicketClocks } from '../../evaluate/clocks/ticket-clocks.js';
import type { Policy } from '../../policy/policy.js';
import type { Signal, Store, StoredTicket } from '../store/index.js';
import { clockRow, summarize } from './rows.js';
import { clockSignals } from './clock-signals.js';

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
