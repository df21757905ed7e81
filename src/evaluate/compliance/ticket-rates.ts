import type { Threshold } from '../../domain/target.js';
import type { TicketId } from '../../domain/ticket.js';
import { satisfies } from '../../policy/targets.js';
import type { BreachEvidence, Outcome } from './result.js';
import { round } from './clock-attainment.js';

/**
 * The quality measures that come from tickets (C-09 … C-12), each over a window. Inputs
 * are already filtered to the window and to the tickets the commitment covers.
 */

interface TicketRef {
  readonly ticketId: TicketId;
  readonly customer: string;
}

function outcome(
  value: number | null,
  unit: Outcome['unit'],
  target: Threshold,
  sample: number,
  against: readonly BreachEvidence[],
): Outcome {
  if (value === null) return { value: null, unit, met: null, breaches: 0, sample, evidence: [] };
  const met = satisfies(value, target);
  return { value, unit, met, breaches: met ? 0 : 1, sample, evidence: met ? [] : against };
}

const evidence = (r: TicketRef, reason: string): BreachEvidence => ({
  ticket: r.ticketId,
  customer: r.customer,
  dueAt: null,
  breachedAt: null,
  reason,
});

/** Mean satisfaction of the ratings given in the window (a re-rated ticket counts its last rating). */
export function satisfaction(
  ratings: ReadonlyArray<TicketRef & { rating: number }>,
  target: Threshold,
): Outcome {
  const last = new Map<TicketId, TicketRef & { rating: number }>();
  for (const r of ratings) last.set(r.ticketId, r);
  const values = [...last.values()];
  const mean =
    values.length === 0 ? null : round(values.reduce((s, r) => s + r.rating, 0) / values.length);
  const low = values
    .filter((r) => !satisfies(r.rating, target))
    .map((r) => evidence(r, `rated ${r.rating}`));
  return outcome(mean, 'score', target, values.length, low);
}

/**
 * Of the tickets that ended in the window (resolved, or closed without a resolution),
 * the share that were resolved.
 */
export function resolutionRate(
  ended: ReadonlyArray<TicketRef & { resolved: boolean }>,
  target: Threshold,
): Outcome {
  const byTicket = new Map<TicketId, TicketRef & { resolved: boolean }>();
  for (const e of ended) {
    const prev = byTicket.get(e.ticketId);
    byTicket.set(e.ticketId, prev && prev.resolved ? prev : e);
  }
  const all = [...byTicket.values()];
  const resolved = all.filter((e) => e.resolved).length;
  const value = all.length === 0 ? null : round((resolved / all.length) * 100);
  return outcome(
    value,
    'percent',
    target,
    all.length,
    all.filter((e) => !e.resolved).map((e) => evidence(e, 'closed without a resolution')),
  );
}

/** Complaints among the tickets opened in the window. */
export function complaintRate(
  created: number,
  complaints: readonly TicketRef[],
  complaintCount: number,
  target: Threshold,
): Outcome {
  const value = created === 0 ? null : round((complaintCount / created) * 100);
  return outcome(
    value,
    'percent',
    target,
    created,
    complaints.map((c) => evidence(c, 'complaint')),
  );
}

/** Of the suggestions decided in the window, the share adopted. */
export function adoptionRate(
  decisions: ReadonlyArray<TicketRef & { adopted: boolean }>,
  target: Threshold,
): Outcome {
  const adopted = decisions.filter((d) => d.adopted).length;
  const value = decisions.length === 0 ? null : round((adopted / decisions.length) * 100);
  return outcome(
    value,
    'percent',
    target,
    decisions.length,
    decisions.filter((d) => !d.adopted).map((d) => evidence(d, 'suggestion rejected')),
  );
}
