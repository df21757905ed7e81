import { Type } from 'typebox';
import { oneOf } from '../../validation/schema-kit.js';
import { Iso, Localized, orNull, ref } from './kit.js';

const Unit = oneOf(['percent', 'score', 'duration']);
const Status = oneOf(['met', 'breached', 'no_data', 'not_measured']);

export const ComplianceEntry = Type.Object({
  commitment: Type.String(),
  name: Localized,
  measure: Type.String(),
  target: Type.String(),
  unit: Unit,
  value: orNull(Type.Number()),
  met: orNull(Type.Boolean()),
  status: Status,
  breaches: Type.Integer(),
  sample: Type.Integer(),
  tickets: Type.Array(Type.Integer(), { description: 'the tickets behind the breaches, in order' }),
  evidence: Type.Array(
    Type.Object({
      ticket: Type.Integer(),
      customer: Type.String(),
      dueAt: orNull(Iso),
      breachedAt: orNull(Iso),
      reason: Type.Optional(Type.String()),
    }),
  ),
  cancelled: Type.Integer({
    description:
      'clocks cancelled in the window: the ticket was closed, in time, before its solution; left out of value and sample (0 for other measures)',
  }),
  cancelledTickets: Type.Array(Type.Integer(), {
    description: 'the tickets behind the cancelled clocks, in order',
  }),
  services: Type.Optional(
    Type.Array(
      Type.Object({
        service: Type.String(),
        customer: orNull(Type.String()),
        value: orNull(Type.Number()),
        met: orNull(Type.Boolean()),
      }),
    ),
  ),
  incidents: Type.Optional(
    Type.Array(
      Type.Object({
        incident: Type.Integer(),
        service: Type.String(),
        customer: orNull(Type.String()),
        dueAt: orNull(Iso),
        breachedAt: orNull(Iso),
      }),
    ),
  ),
});

export const Compliance = Type.Object({
  window: Type.Object({
    from: Iso,
    to: Iso,
    label: Type.String(),
    timezone: Type.String(),
  }),
  customer: orNull(Type.String()),
  generatedAt: Iso,
  commitments: Type.Array(ref('ComplianceEntry', ComplianceEntry)),
  availability: Type.Array(
    Type.Object({ service: Type.String() }, { description: 'uptime, downtime, MTTA and MTTR' }),
  ),
});

export const OverviewEntry = Type.Object({
  commitment: Type.String(),
  name: Localized,
  measure: Type.String(),
  target: Type.String(),
  unit: Unit,
  value: orNull(Type.Number()),
  status: Status,
  health: oneOf(['green', 'amber', 'red', 'grey']),
  budgetLeft: orNull(Type.Number()),
  breaches: Type.Integer(),
  sample: Type.Integer(),
  tickets: Type.Integer({ description: 'how many tickets breached it' }),
  open: Type.Object({
    running: Type.Integer(),
    warning: Type.Integer(),
    paused: Type.Integer(),
  }),
  trend: Type.Array(Type.Object({ month: Type.String(), value: orNull(Type.Number()) })),
});

export const Overview = Type.Object({
  month: Type.String(),
  timezone: Type.String(),
  customer: orNull(Type.String()),
  generatedAt: Iso,
  commitments: Type.Array(ref('OverviewEntry', OverviewEntry)),
});

export const CreditLine = Type.Object({
  commitment: Type.String(),
  consequence: Type.String(),
  ticket: orNull(Type.Integer()),
  incident: orNull(Type.String()),
  incidents: Type.Array(Type.String()),
  kind: oneOf(['breach', 'uptime']),
  dueAt: orNull(Iso),
  breachedAt: orNull(Iso),
  stoppedAt: orNull(Iso),
  uptimePercent: orNull(Type.Number()),
  percentOfMonthlyFee: Type.Number(),
  amount: Type.Number(),
  amountMinor: Type.Integer(),
  capped: Type.Optional(Type.String()),
  uncappedAmount: Type.Optional(Type.Number()),
});

export const CreditStatement = Type.Object({
  month: Type.String(),
  timezone: Type.String(),
  from: Iso,
  to: Iso,
  generatedAt: Iso,
  rounding: Type.String(),
  state: oneOf(['running', 'open', 'closed', 'reopened'], {
    description: 'closed: the statement is issued and no later change re-derives it',
  }),
  final: Type.Boolean({ description: 'the month is closed and its lines are final' }),
  stateReason: Type.String({ description: 'why the month stands where it does' }),
  customers: Type.Array(
    Type.Object({
      customer: Type.String(),
      name: Type.String(),
      currency: Type.String(),
      minorUnit: Type.Number(),
      monthlyFee: Type.Number(),
      cap: Type.Number(),
      total: Type.Number(),
      totalMinor: Type.Integer(),
      lines: Type.Array(ref('CreditLine', CreditLine)),
    }),
  ),
});
