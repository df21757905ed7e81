import type { Priority, TicketEventType, TicketKind, TicketStatus } from '../../domain/ticket.js';

/**
 * The ticket lifecycle: which events may happen in which status, and where they lead.
 * The one place ticket status changes, so an impossible history cannot be stored.
 */
export interface TicketState {
  readonly status: TicketStatus;
  readonly kind: TicketKind;
  readonly priority: Priority;
  readonly acknowledged: boolean;
  readonly decision: 'adopted' | 'rejected' | null;
  readonly rating: number | null;
}

export interface LifecycleEvent {
  readonly type: TicketEventType;
  readonly kind?: TicketKind | undefined;
  readonly priority?: Priority | undefined;
  readonly rating?: number | undefined;
}

export function initialState(kind: TicketKind, priority: Priority): TicketState {
  return { status: 'new', kind, priority, acknowledged: false, decision: null, rating: null };
}

const WORKING: readonly TicketStatus[] = ['new', 'open', 'waiting'];

/** Statuses each event may happen in. */
const ALLOWED: Record<TicketEventType, readonly TicketStatus[]> = {
  acknowledged: WORKING,
  classified: [...WORKING, 'resolved'],
  staged_solution_provided: WORKING,
  solution_provided: WORKING,
  resolved: WORKING,
  reopened: ['resolved'],
  waiting_on_customer: ['new', 'open'],
  customer_replied: WORKING,
  closed: [...WORKING, 'resolved'],
  rated: ['resolved', 'closed'],
  adopted: [...WORKING, 'resolved', 'closed'],
  rejected: [...WORKING, 'resolved', 'closed'],
};

const WHY: Partial<Record<TicketStatus, string>> = {
  closed: 'a closed ticket is final',
  resolved: 'reopen it first',
  waiting: 'it is already waiting on the customer',
};

/** The state after `event`, or a sentence saying why the event cannot happen now. */
export function applyEvent(state: TicketState, event: LifecycleEvent): TicketState | string {
  const allowed = ALLOWED[event.type];
  if (!allowed.includes(state.status)) {
    const why = WHY[state.status] ?? `it can only happen while the ticket is ${allowed.join(', ')}`;
    return `"${event.type}" cannot happen while the ticket is ${state.status}: ${why}`;
  }
  switch (event.type) {
    case 'acknowledged':
    case 'staged_solution_provided':
    case 'solution_provided':
      return {
        ...state,
        acknowledged: true,
        status: state.status === 'new' ? 'open' : state.status,
      };
    case 'classified':
      return {
        ...state,
        kind: event.kind ?? state.kind,
        priority: event.priority ?? state.priority,
      };
    case 'resolved':
      return { ...state, status: 'resolved' };
    case 'reopened':
      return { ...state, status: 'open' };
    case 'waiting_on_customer':
      return { ...state, status: 'waiting' };
    case 'customer_replied':
      return {
        ...state,
        status: state.status === 'waiting' ? (state.acknowledged ? 'open' : 'new') : state.status,
      };
    case 'closed':
      return { ...state, status: 'closed' };
    case 'rated':
      return { ...state, rating: event.rating ?? null };
    case 'adopted':
    case 'rejected':
      if (state.kind !== 'suggestion')
        return `"${event.type}" is a decision on a suggestion, and this ticket is a ${state.kind}`;
      if (state.decision)
        return `this suggestion was already ${state.decision}; a decision is made once`;
      return { ...state, decision: event.type };
  }
}

/** Replays a stored history; histories are validated on the way in, so this cannot fail. */
export function replay(
  kind: TicketKind,
  priority: Priority,
  events: readonly LifecycleEvent[],
): TicketState {
  let state = initialState(kind, priority);
  for (const e of events) {
    const next = applyEvent(state, e);
    if (typeof next !== 'string') state = next;
  }
  return state;
}
