import type { Clock } from '../../domain/clock.js';
import type { Instant } from '../../domain/time.js';
import type { TicketRecord } from '../../domain/ticket.js';
import { effectiveTarget, selects, type CustomerTerms } from '../../policy/effective-target.js';
import type { Policy, TicketClockCommitment } from '../../policy/policy.js';
import { evaluateTicketClock } from './ticket-clock.js';

/**
 * Every clock a ticket carries at `now`: one per ticket-clock commitment whose selector
 * covers the ticket as it is currently classified.
 */
export function evaluateTicketClocks(policy: Policy, ticket: TicketRecord, customer: CustomerTerms | undefined, now: Instant): Clock[] {
  const clocks: Clock[] = [];
  const timeline = classificationTimeline(ticket, now);
  for (const c of policy.commitments) {
    if (c.type !== 'ticket-clock') continue;
    const since = appliesSince(c, timeline, ticket, customer);
    if (since === null) continue;
    const targetMs = effectiveTarget(policy, c, customer) as number;
    clocks.push(evaluateTicketClock({ commitment: c, targetMs, createdAt: ticket.createdAt, appliesSince: since, events: ticket.events }, now));
  }
  return clocks;
}

interface Classification {
  readonly at: Instant;
  readonly kind: string;
  readonly priority: string;
}

/** The ticket's kind and priority over time: as created, then after each reclassification. */
function classificationTimeline(ticket: TicketRecord, now: Instant): Classification[] {
  const out: Classification[] = [{ at: ticket.createdAt, kind: ticket.kind, priority: ticket.priority }];
  for (const e of ticket.events) {
    if (e.at > now) break;
    if (e.type !== 'classified' || (!e.kind && !e.priority)) continue;
    const last = out[out.length - 1]!;
    out.push({ at: e.at, kind: e.kind ?? last.kind, priority: e.priority ?? last.priority });
  }
  return out;
}

/**
 * When the commitment started to cover the ticket without interruption up to now, or
 * null if it does not cover it now. A reclassification away drops the clock; back in,
 * it counts again from creation but cannot breach before it applied.
 */
function appliesSince(c: TicketClockCommitment, timeline: Classification[], ticket: TicketRecord, customer: CustomerTerms | undefined): Instant | null {
  let since: Instant | null = null;
  for (const k of timeline) {
    const covered = selects(c.appliesTo, { kind: k.kind, priority: k.priority, channel: ticket.channel, customer: ticket.customer, plan: customer?.plan });
    if (covered && since === null) since = k.at;
    if (!covered) since = null;
  }
  return since;
}
