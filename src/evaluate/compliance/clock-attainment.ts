import { breachedByClose } from '../../domain/clock.js';
import type { Instant } from '../../domain/time.js';
import type { TicketId } from '../../domain/ticket.js';
import type { Outcome } from './result.js';

/**
 * A clock commitment over a window: the share of its clocks settled in the window that
 * were met, against the attainment the policy asks (100 % unless it says otherwise).
 * Each clock is settled once — in the window its breach happened, or it was met or
 * cancelled — so summing windows never counts a ticket twice. A cancelled clock (the ticket
 * closed before its solution, in time) is neither met nor breached: it is left out of the
 * attainment and counted beside it.
 */
export interface SettledClock {
  readonly ticketId: TicketId;
  readonly customer: string;
  readonly state: string;
  readonly dueAt: Instant | null;
  readonly stoppedAt: Instant | null;
  readonly breachedAt: Instant | null;
}

export const CLOSED_WITHOUT_SOLUTION = 'closed without a solution';

export function clockAttainment(rows: readonly SettledClock[], attainment: number): Outcome {
  const breached = rows.filter((r) => r.breachedAt !== null);
  const cancelled = rows.filter((r) => r.breachedAt === null && r.state === 'cancelled');
  const sample = rows.length - cancelled.length;
  const value = sample === 0 ? null : round(((sample - breached.length) / sample) * 100);
  return {
    value,
    unit: 'percent',
    met: sample === 0 ? null : (sample - breached.length) / sample >= attainment - 1e-12,
    breaches: breached.length,
    sample,
    evidence: breached.map((r) => ({
      ticket: r.ticketId,
      customer: r.customer,
      dueAt: r.dueAt,
      breachedAt: r.breachedAt,
      ...(breachedByClose(r) ? { reason: CLOSED_WITHOUT_SOLUTION } : {}),
    })),
    cancelled: cancelled.map((r) => ({
      ticket: r.ticketId,
      customer: r.customer,
      dueAt: r.dueAt,
      stoppedAt: r.stoppedAt,
    })),
  };
}

export const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;
