import type { Instant } from '../../domain/time.js';
import type { Priority, TicketKind } from '../../domain/ticket.js';
import { applyEvent, initialState, type LifecycleEvent } from './lifecycle.js';

export interface HistoryProblem {
  /** The event's position in the history (0-based). */
  readonly index: number;
  readonly field: 'at' | 'type';
  readonly message: string;
}

/**
 * Whether a whole history could have happened: events in time order, none before the
 * ticket was opened, each one possible in the status the ones before left. Used for
 * corrections, which rewrite a history that was already accepted once.
 */
export function historyProblems(
  kind: TicketKind,
  priority: Priority,
  createdAt: Instant,
  events: ReadonlyArray<LifecycleEvent & { readonly at: Instant }>,
): HistoryProblem[] {
  const out: HistoryProblem[] = [];
  let state = initialState(kind, priority);
  let last = createdAt;
  events.forEach((e, index) => {
    if (e.at < createdAt)
      out.push({
        index,
        field: 'at',
        message: `${new Date(e.at).toISOString()} is before the ticket was opened (${new Date(createdAt).toISOString()})`,
      });
    else if (e.at < last)
      out.push({
        index,
        field: 'at',
        message: `${new Date(e.at).toISOString()} is before the event that precedes it (${new Date(last).toISOString()})`,
      });
    last = Math.max(last, e.at);
    const next = applyEvent(state, e);
    if (typeof next === 'string') out.push({ index, field: 'type', message: next });
    else state = next;
  });
  return out;
}
