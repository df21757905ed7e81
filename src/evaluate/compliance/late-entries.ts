import type { Instant } from '../../domain/time.js';
import type { Recorder, TicketEvent, TicketEventType, TicketRecord } from '../../domain/ticket.js';
import type { CustomerTerms } from '../../policy/effective-target.js';
import type { Policy } from '../../policy/policy.js';
import { evaluateTicketClocks } from '../clocks/ticket-clocks.js';

/** An event recorded later than the policy's tolerance after the time it is dated. */
export interface LateEntry {
  readonly ticket: number;
  readonly customer: string;
  readonly seq: number;
  readonly type: TicketEventType;
  readonly at: Instant;
  readonly recordedAt: Instant;
  readonly recordedBy: Recorder | null;
  /**
   * The commitments whose clock is not breached with the entry as dated, but would be had it
   * been dated when it was recorded: the backdating is what kept the promise.
   */
  readonly changed: readonly string[];
}

export interface LateEntries {
  readonly count: number;
  /** How many of them changed a clock's outcome (`changed` not empty). */
  readonly changedOutcome: number;
  /** By `at`, then ticket and seq. */
  readonly items: readonly LateEntry[];
}

export interface LateEntryTicket {
  readonly ticket: TicketRecord;
  readonly customer: CustomerTerms | undefined;
}

/**
 * The late entries dated in [from, to) and which of them changed an outcome: each one's clocks
 * as recorded against the same history with that entry moved to its recordedAt. Whatever the
 * entry is (an answer that stops a clock, a "waiting on customer" that pauses one, a
 * reclassification), the comparison shows what its date did. Pure: `now` is passed in.
 */
export function lateEntries(
  policy: Policy,
  tickets: readonly LateEntryTicket[],
  window: { readonly from: Instant; readonly to: Instant },
  now: Instant,
): LateEntries {
  const items: LateEntry[] = [];
  for (const { ticket, customer } of tickets) {
    const late = ticket.events.filter((e) => e.late && e.at >= window.from && e.at < window.to);
    if (late.length === 0) continue;
    const breached = breachedOf(evaluateTicketClocks(policy, ticket, customer, now));
    for (const e of late) {
      const onTime = { ...ticket, events: redated(ticket.events, e) };
      const changed = [...breachedOf(evaluateTicketClocks(policy, onTime, customer, now))]
        .filter((commitment) => !breached.has(commitment))
        .sort();
      items.push({
        ticket: ticket.id,
        customer: ticket.customer,
        seq: e.seq,
        type: e.type,
        at: e.at,
        recordedAt: e.recordedAt,
        recordedBy: e.recordedBy ?? null,
        changed,
      });
    }
  }
  items.sort((a, b) => a.at - b.at || a.ticket - b.ticket || a.seq - b.seq);
  return {
    count: items.length,
    changedOutcome: items.filter((i) => i.changed.length > 0).length,
    items,
  };
}

const breachedOf = (clocks: ReadonlyArray<{ commitment: string; breachedAt: Instant | null }>) =>
  new Set(clocks.filter((c) => c.breachedAt !== null).map((c) => c.commitment));

/** The history with `entry` dated when it was recorded, after every event up to that time. */
function redated(events: readonly TicketEvent[], entry: TicketEvent): TicketEvent[] {
  const others = events.filter((e) => e !== entry);
  const moved = { ...entry, at: entry.recordedAt };
  const to = others.findIndex((e) => e.at > moved.at);
  return to < 0 ? [...others, moved] : [...others.slice(0, to), moved, ...others.slice(to)];
}
