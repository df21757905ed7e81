import { Type } from 'typebox';
import { oneOf } from '../../validation/schema-kit.js';
import { Iso, Localized, orNull, ref } from './kit.js';

export const Whoami = Type.Object({
  role: oneOf(['admin', 'agent', 'customer', 'probe', 'auditor']),
  customer: orNull(Type.String()),
  token: Type.String(),
});

/** The running policy; the dashboard reads the server's clock and zone from it. */
export const PolicySummary = Type.Object({
  name: Localized,
  timezone: Type.String(),
  currency: Type.String(),
  hash: Type.String(),
  now: Iso,
  commitments: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Localized,
      measure: Type.String(),
      type: Type.String(),
      target: Type.String(),
    }),
  ),
  plans: Type.Array(
    Type.Object({
      id: Type.String(),
      name: orNull(Localized),
      overrides: Type.Record(Type.String(), Type.String()),
    }),
  ),
});

export const Clock = Type.Object({
  commitment: Type.String(),
  name: Localized,
  measure: Type.String(),
  state: oneOf(['running', 'warning', 'paused', 'met', 'breached', 'cancelled'], {
    description: 'cancelled: the ticket was closed, in time, before what the clock waits for',
  }),
  target: Type.String(),
  targetMs: Type.Number(),
  calendar: Type.String(),
  startedAt: Iso,
  dueAt: orNull(Iso),
  stoppedAt: orNull(Iso),
  pausedAt: orNull(Iso),
  breachedAt: orNull(Iso),
  elapsedMs: Type.Number(),
  remainingMs: Type.Number(),
  warnings: Type.Array(Type.Object({ threshold: Type.Number(), at: Iso })),
});

/** Who recorded a write, as authenticated; null for history from before Surety kept it. */
export const Recorder = Type.Object({ id: Type.String(), name: orNull(Type.String()) });

export const TicketEvent = Type.Object({
  seq: Type.Integer(),
  type: Type.String(),
  at: Iso,
  recordedAt: Iso,
  recordedBy: orNull(ref('Recorder', Recorder)),
  late: Type.Optional(Type.Boolean({ description: 'recorded later than the tolerance allows' })),
  actor: Type.Optional(Type.String({ description: 'a label the caller gave' })),
  note: Type.Optional(Type.String()),
  rating: Type.Optional(Type.Integer()),
});

export const Ticket = Type.Object({
  id: Type.Integer(),
  customer: Type.String(),
  kind: Type.String(),
  priority: Type.String(),
  channel: Type.String(),
  subject: Type.String(),
  body: Type.String(),
  externalId: orNull(Type.String()),
  status: Type.String(),
  createdAt: Iso,
  recordedAt: orNull(Iso),
  recordedBy: orNull(ref('Recorder', Recorder)),
  rating: orNull(Type.Integer()),
  decision: orNull(Type.String()),
  breached: Type.Boolean(),
  expedited: Type.Boolean(),
  expeditedAt: orNull(Iso),
  clocks: Type.Array(ref('Clock', Clock)),
  events: Type.Optional(Type.Array(ref('TicketEvent', TicketEvent))),
});

export const TicketList = Type.Object({
  total: Type.Integer(),
  tickets: Type.Array(ref('Ticket', Ticket)),
});
