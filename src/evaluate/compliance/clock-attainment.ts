import type { Instant } from '../../domain/time.js';
import type { TicketId } from '../../domain/ticket.js';
import type { Outcome } from './result.js';

/**
 * A clock commitment over a window: the share of its clocks settled in the window that
 * were met, against the attainment the policy asks (100 % unless it says otherwise).
 * Each clock is settled once — in the window its breach happened, or it was met — so
 * summing windows never counts a ticket twice.
 */
export interface SettledClock {
  readonly ticketId: TicketId;
  readonly customer: string;
  readonly dueAt: Instant | null;
  readonly breachedAt: Instant | null;
}

export function clockAttainment(rows: readonly SettledClock[], attainment: number): Outcome {
  const breached = rows.filter((r) => r.breachedAt !== null);
  const sample = rows.length;
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
    })),
  };
}

export const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;
