import type { Clock } from '../../domain/clock.js';
import type { Instant } from '../../domain/time.js';
import type { TicketRecord } from '../../domain/ticket.js';
import { effectiveTarget, selects, type CustomerTerms } from '../../policy/effective-target.js';
import type { Policy, TicketClockCommitment } from '../../policy/policy.js';
import { evaluateClock } from './clock.js';

/**
 * Every clock a ticket carries at `now`: one per ticket-clock commitment whose selector
 * covers the ticket as it is currently classified, plus any clock that breached while an
 * earlier classification put the ticket under it (a breach that happened stays a breach).
 */
export function evaluateTicketClocks(
  policy: Policy,
  ticket: TicketRecord,
  customer: CustomerTerms | undefined,
  now: Instant,
): Clock[] {
  const clocks: Clock[] = [];
  const timeline = classificationTimeline(ticket, now);
  for (const c of policy.commitments) {
    if (c.type !== 'ticket-clock') continue;
    const span = lastCoverage(c, timeline, ticket, customer);
    if (span === null) continue;
    const targetMs = effectiveTarget(policy, c, customer) as number;
    const input = {
      commitment: c,
      targetMs,
      createdAt: ticket.createdAt,
      appliesSince: span.from,
      events: ticket.events,
    };
    if (span.until === null) {
      clocks.push(evaluateClock(input, now));
      continue;
    }
    // Reclassified away: the clock ended when it stopped applying; only a breach by then survives.
    const ended = evaluateClock(input, span.until);
    if (ended.breachedAt !== null)
      clocks.push({
        ...ended,
        state: 'breached',
        stoppedAt: ended.stoppedAt ?? span.until,
        nextChangeAt: null,
      });
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
  const out: Classification[] = [
    { at: ticket.createdAt, kind: ticket.kind, priority: ticket.priority },
  ];
  for (const e of ticket.events) {
    if (e.at > now) break;
    if (e.type !== 'classified' || (!e.kind && !e.priority)) continue;
    const last = out[out.length - 1]!;
    out.push({ at: e.at, kind: e.kind ?? last.kind, priority: e.priority ?? last.priority });
  }
  return out;
}

/**
 * The last stretch of time the commitment covered the ticket: from when it began to apply
 * without interruption, until it stopped (null if it still applies); null if it never did.
 * Back under a commitment after a spell away, the clock counts again from creation, but a
 * breach cannot be dated before it applied.
 */
function lastCoverage(
  c: TicketClockCommitment,
  timeline: Classification[],
  ticket: TicketRecord,
  customer: CustomerTerms | undefined,
): { from: Instant; until: Instant | null } | null {
  let span: { from: Instant; until: Instant | null } | null = null;
  for (const k of timeline) {
    const covered = selects(c.appliesTo, {
      kind: k.kind,
      priority: k.priority,
      channel: ticket.channel,
      customer: ticket.customer,
      plan: customer?.plan,
    });
    if (covered && (span === null || span.until !== null)) span = { from: k.at, until: null };
    if (!covered && span !== null && span.until === null) span = { from: span.from, until: k.at };
  }
  return span;
}
