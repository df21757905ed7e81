import type { TicketEventType } from '../domain/ticket.js';

/**
 * The vocabulary of what a commitment can measure. Each measure says what its target is
 * (a duration, a percentage, a score) and where its facts come from; the stages that
 * evaluate them live elsewhere, keyed by these names.
 */

/**
 * Clocks on a ticket: start at creation, stop at the first of `stopsOn`. `endsOn` are the
 * events that end the ticket without what the clock waits for (closing it unsolved): they
 * stop the clock as cancelled, or as breached if the commitment says `closedWithoutSolution:
 * breach`. The first-response and classification clocks still stop (met) on a close:
 * closing a ticket answers the customer, and leaves nothing to classify.
 */
export const TICKET_CLOCK_MEASURES = {
  // Any answer that reaches the customer ends the wait for a first response.
  first_response: {
    stopsOn: [
      'acknowledged',
      'staged_solution_provided',
      'solution_provided',
      'resolved',
      'closed',
    ],
    endsOn: [],
    pausesWhileWaiting: false,
    onReopen: 'keep',
  },
  classification: {
    stopsOn: ['classified', 'closed'],
    endsOn: [],
    pausesWhileWaiting: false,
    onReopen: 'keep',
  },
  staged_solution: {
    stopsOn: ['staged_solution_provided', 'solution_provided', 'resolved'],
    endsOn: ['closed'],
    pausesWhileWaiting: true,
    onReopen: 'keep',
  },
  solution: {
    stopsOn: ['solution_provided', 'resolved'],
    endsOn: ['closed'],
    pausesWhileWaiting: true,
    onReopen: 'resume',
  },
  resolution: {
    stopsOn: ['resolved'],
    endsOn: ['closed'],
    pausesWhileWaiting: true,
    onReopen: 'resume',
  },
} as const satisfies Record<
  string,
  {
    stopsOn: readonly TicketEventType[];
    endsOn: readonly TicketEventType[];
    pausesWhileWaiting: boolean;
    onReopen: 'keep' | 'resume';
  }
>;
export type TicketClockMeasure = keyof typeof TICKET_CLOCK_MEASURES;

/** Clocks on an incident (availability issue): detected → acknowledged / mitigated / resolved. */
export const INCIDENT_CLOCK_MEASURES = [
  'incident_engagement',
  'incident_mitigation',
  'incident_recovery',
] as const;
export type IncidentClockMeasure = (typeof INCIDENT_CLOCK_MEASURES)[number];

/** Measures over a window, compared against a threshold. */
export const AGGREGATE_MEASURES = {
  satisfaction: { unit: 'score', source: 'tickets', better: 'higher' },
  resolution_rate: { unit: 'percent', source: 'tickets', better: 'higher' },
  complaint_rate: { unit: 'percent', source: 'tickets', better: 'lower' },
  adoption_rate: { unit: 'percent', source: 'tickets', better: 'higher' },
  uptime: { unit: 'percent', source: 'probes', better: 'higher' },
  unplanned_downtime: { unit: 'duration', source: 'probes', better: 'lower' },
  backup_success_rate: { unit: 'percent', source: 'backups', better: 'higher' },
  recovery_time: { unit: 'duration', source: 'backups', better: 'lower' },
} as const satisfies Record<
  string,
  { unit: 'score' | 'percent' | 'duration'; source: string; better: 'higher' | 'lower' }
>;
export type AggregateMeasure = keyof typeof AGGREGATE_MEASURES;

export type Measure = TicketClockMeasure | IncidentClockMeasure | AggregateMeasure;

export const MEASURES: readonly Measure[] = [
  ...(Object.keys(TICKET_CLOCK_MEASURES) as TicketClockMeasure[]),
  ...INCIDENT_CLOCK_MEASURES,
  ...(Object.keys(AGGREGATE_MEASURES) as AggregateMeasure[]),
];

export const isTicketClockMeasure = (m: string): m is TicketClockMeasure =>
  m in TICKET_CLOCK_MEASURES;
export const isIncidentClockMeasure = (m: string): m is IncidentClockMeasure =>
  (INCIDENT_CLOCK_MEASURES as readonly string[]).includes(m);
export const isAggregateMeasure = (m: string): m is AggregateMeasure => m in AGGREGATE_MEASURES;
