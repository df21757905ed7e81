import type { Instant } from './time.js';

export const TICKET_KINDS = ['inquiry', 'problem', 'complaint', 'suggestion', 'feedback'] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

export const PRIORITIES = ['urgent', 'general', 'complex'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CHANNELS = ['web', 'email', 'phone', 'chat', 'social', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

/** What can happen to a ticket, in the words of a service desk. */
export const TICKET_EVENT_TYPES = [
  'acknowledged', // first (or any later) response to the customer
  'classified', // triaged; may carry a corrected kind and priority
  'staged_solution_provided', // an interim solution or workaround
  'solution_provided',
  'resolved',
  'reopened',
  'waiting_on_customer',
  'customer_replied',
  'closed',
  'rated', // satisfaction 1..5
  'adopted', // a suggestion's decision
  'rejected',
] as const;
export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];

/** Where a ticket stands; derived from its events by the lifecycle, never set directly. */
export type TicketStatus = 'new' | 'open' | 'waiting' | 'resolved' | 'closed';

export type TicketId = number;
export type CustomerId = string;

/**
 * Who made a write, as authenticated: a token's id and name (or "cli", "system"), never a
 * label the caller typed. Kept with the write, since a token's name may change later.
 */
export interface Recorder {
  readonly id: string;
  readonly name?: string | undefined;
}

export interface TicketEvent {
  readonly seq: number;
  readonly type: TicketEventType;
  readonly at: Instant;
  /** When Surety learned of it; differs from `at` for imported history. */
  readonly recordedAt: Instant;
  /** Who recorded it; absent for history written before Surety kept it. */
  readonly recordedBy?: Recorder | undefined;
  /** Dated more than the policy's late-entry tolerance before it was recorded. */
  readonly late?: boolean | undefined;
  /** A label the caller gave ("Wang on the phone"); who recorded it is `recordedBy`. */
  readonly actor?: string | undefined;
  readonly note?: string | undefined;
  readonly rating?: number | undefined;
  readonly kind?: TicketKind | undefined;
  readonly priority?: Priority | undefined;
}

export interface Ticket {
  readonly id: TicketId;
  readonly customer: CustomerId;
  /** As created; `classified` events may correct kind and priority later. */
  readonly kind: TicketKind;
  readonly priority: Priority;
  readonly channel: Channel;
  readonly subject: string;
  readonly body: string;
  readonly externalId?: string | undefined;
  readonly createdAt: Instant;
  /** Who opened it in Surety, and when (`createdAt` may be earlier for imported history). */
  readonly recordedBy?: Recorder | undefined;
  readonly recordedAt?: Instant | undefined;
}

/** A ticket with its history, the unit every evaluation reads. */
export interface TicketRecord extends Ticket {
  readonly events: readonly TicketEvent[];
}
