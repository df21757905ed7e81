import type { Clock } from '../../domain/clock.js';
import { toIso } from '../../domain/time.js';
import type { Recorder, TicketEvent } from '../../domain/ticket.js';
import { formatTarget } from '../../policy/format-target.js';
import type { Policy } from '../../policy/policy.js';
import { replay } from '../../sources/tickets/lifecycle.js';
import type { StoredTicket } from '../store/index.js';

const iso = (t: number | null) => (t === null ? null : toIso(t));

export function clockView(policy: Policy, c: Clock) {
  const commitment = policy.commitments.find((x) => x.id === c.commitment)!;
  return {
    commitment: c.commitment,
    name: commitment.name,
    measure: commitment.measure,
    state: c.state,
    target: formatTarget(commitment, c.targetMs),
    targetMs: c.targetMs,
    calendar: c.calendar,
    startedAt: toIso(c.startedAt),
    dueAt: iso(c.dueAt),
    stoppedAt: iso(c.stoppedAt),
    pausedAt: iso(c.pausedAt),
    breachedAt: iso(c.breachedAt),
    elapsedMs: c.elapsedMs,
    remainingMs: c.remainingMs,
    warnings: c.warnings.map((w) => ({ threshold: w.threshold, at: toIso(w.at) })),
  };
}

function recorderView(r: Recorder | undefined) {
  return r === undefined ? null : { id: r.id, name: r.name ?? null };
}

function eventView(e: TicketEvent) {
  return {
    seq: e.seq,
    type: e.type,
    at: toIso(e.at),
    recordedAt: toIso(e.recordedAt),
    recordedBy: recorderView(e.recordedBy),
    ...(e.late ? { late: true } : {}),
    ...(e.actor !== undefined ? { actor: e.actor } : {}),
    ...(e.note !== undefined ? { note: e.note } : {}),
    ...(e.rating !== undefined ? { rating: e.rating } : {}),
    ...(e.kind !== undefined ? { kind: e.kind } : {}),
    ...(e.priority !== undefined ? { priority: e.priority } : {}),
  };
}

/** A ticket as the API and CLI show it, with its live clocks. */
export function ticketView(
  policy: Policy,
  t: StoredTicket,
  clocks: readonly Clock[],
  options: { events?: boolean } = {},
) {
  const state = replay(t.kind, t.priority, t.events);
  return {
    id: t.id,
    customer: t.customer,
    kind: state.kind,
    priority: state.priority,
    channel: t.channel,
    subject: t.subject,
    body: t.body,
    externalId: t.externalId ?? null,
    status: state.status,
    createdAt: toIso(t.createdAt),
    recordedAt: t.recordedAt === undefined ? null : toIso(t.recordedAt),
    recordedBy: recorderView(t.recordedBy),
    rating: state.rating,
    decision: state.decision,
    breached: clocks.some((c) => c.breachedAt !== null),
    expedited: t.expeditedAt != null,
    expeditedAt: t.expeditedAt != null ? toIso(t.expeditedAt) : null,
    clocks: clocks.map((c) => clockView(policy, c)),
    ...(options.events === false ? {} : { events: t.events.map(eventView) }),
  };
}
export type TicketView = ReturnType<typeof ticketView>;
