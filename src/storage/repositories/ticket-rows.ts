import type { Selectable } from 'kysely';
import type {
  Priority,
  Recorder,
  TicketEvent,
  TicketKind,
  TicketStatus,
} from '../../domain/ticket.js';
import type { NewTicket, StoredTicket, TicketSummary } from '../../services/store/index.js';
import type { TicketEventsTable, TicketsTable } from '../database.js';

// How a ticket and its events map to their rows, apart from the queries (tickets.ts).

const recorderOf = (id: string | null, name: string | null): Recorder | undefined =>
  id === null ? undefined : name === null ? { id } : { id, name };

export function eventFromRow(r: Selectable<TicketEventsTable>): TicketEvent {
  return {
    seq: r.seq,
    type: r.type as TicketEvent['type'],
    at: r.at,
    recordedAt: r.recorded_at,
    recordedBy: recorderOf(r.recorded_by, r.recorded_by_name),
    late: r.late === 1 ? true : undefined,
    actor: r.actor ?? undefined,
    note: r.note ?? undefined,
    rating: r.rating ?? undefined,
    kind: (r.kind as TicketKind | null) ?? undefined,
    priority: (r.priority as Priority | null) ?? undefined,
  };
}

export function ticketFromRow(r: Selectable<TicketsTable>, events: TicketEvent[]): StoredTicket {
  return {
    id: r.id,
    customer: r.customer_id,
    kind: r.created_kind as TicketKind,
    priority: r.created_priority as Priority,
    currentKind: r.kind as TicketKind,
    currentPriority: r.priority as Priority,
    channel: r.channel as StoredTicket['channel'],
    subject: r.subject,
    body: r.body,
    externalId: r.external_id ?? undefined,
    createdAt: r.created_at,
    recordedBy: recorderOf(r.recorded_by, r.recorded_by_name),
    recordedAt: r.recorded_at ?? undefined,
    updatedAt: r.updated_at,
    status: r.status as TicketStatus,
    breached: r.breached === 1,
    nextDueAt: r.next_due_at,
    expeditedAt: r.expedited_at ?? null,
    events,
  };
}

export const summaryColumns = (s: TicketSummary) => ({
  status: s.status,
  kind: s.currentKind,
  priority: s.currentPriority,
  breached: s.breached ? 1 : 0,
  next_due_at: s.nextDueAt,
  updated_at: s.updatedAt,
  expedited_at: s.expeditedAt ?? null,
});

export const eventRow = (id: number, e: TicketEvent) => ({
  ticket_id: id,
  seq: e.seq,
  type: e.type,
  at: e.at,
  recorded_at: e.recordedAt,
  recorded_by: e.recordedBy?.id ?? null,
  recorded_by_name: e.recordedBy?.name ?? null,
  late: e.late ? 1 : null,
  actor: e.actor ?? null,
  note: e.note ?? null,
  rating: e.rating ?? null,
  kind: e.kind ?? null,
  priority: e.priority ?? null,
});

export const ticketRow = (t: NewTicket, s: TicketSummary, events: readonly TicketEvent[]) => ({
  customer_id: t.customer,
  created_kind: t.kind,
  created_priority: t.priority,
  channel: t.channel,
  subject: t.subject,
  body: t.body,
  external_id: t.externalId ?? null,
  created_at: t.createdAt,
  recorded_by: t.recordedBy?.id ?? null,
  recorded_by_name: t.recordedBy?.name ?? null,
  recorded_at: t.recordedAt ?? null,
  last_event_at: events[events.length - 1]?.at ?? t.createdAt,
  event_count: events.length,
  ...summaryColumns(s),
});
