import type { Millis } from '../domain/duration.js';
import type { Localized } from '../domain/localized.js';
import type { Comparison, TargetValue, Threshold } from '../domain/target.js';
import type {
  Channel,
  CustomerId,
  Priority,
  TicketEventType,
  TicketKind,
} from '../domain/ticket.js';
import type { BusinessCalendar } from './calendar.js';
import type { AvailabilityPolicy } from './availability-policy.js';
import type { AggregateMeasure, IncidentClockMeasure, TicketClockMeasure } from './measures.js';
import type { ConsequenceRule, CreditsPolicy, NotificationsPolicy } from './notifications.js';
import type { ReportsPolicy } from './reports.js';

export type { Comparison, TargetValue, Threshold };

/** A compiled policy: everything parsed, every reference resolved, ready to evaluate against. */
export interface Policy {
  readonly name: Localized;
  /** The zone calendar months (compliance windows, reports) are counted in. */
  readonly timezone: string;
  readonly currency: string;
  /** An event dated more than this before it is recorded is a late entry (5 minutes by default). */
  readonly lateEntryToleranceMs: number;
  /** From when these terms apply to new tickets, if the file says; else from when it is loaded. */
  readonly effectiveFrom?: number | undefined;
  /**
   * A month closes this long after it ends (10 days by default): no later change re-derives it.
   * null (`closeAfter: never`): months close only when their statement is issued by hand.
   */
  readonly closeAfterMs: number | null;
  readonly commitments: readonly Commitment[];
  readonly calendars: ReadonlyMap<string, BusinessCalendar>;
  readonly consequences: ReadonlyMap<string, Consequence>;
  readonly plans: ReadonlyMap<string, Plan>;
  readonly contracts: readonly Contract[];
  readonly metrics: MetricsPolicy;
  readonly availability: AvailabilityPolicy;
  /** Channels, people, schedules, escalation policies and routes (consequences/). */
  readonly notifications: NotificationsPolicy;
  readonly credits: CreditsPolicy;
  /** Reports generated on a schedule and who they are e-mailed to. */
  readonly reports: ReportsPolicy;
  /** SHA-256 of the source text, so stored evaluations know which policy made them. */
  readonly hash: string;
  readonly source: string;
}

/** Which tickets (or customers) a commitment covers; an absent list means all. */
export interface Selector {
  readonly kinds?: readonly TicketKind[] | undefined;
  readonly priorities?: readonly Priority[] | undefined;
  readonly channels?: readonly Channel[] | undefined;
  readonly customers?: readonly CustomerId[] | undefined;
  readonly plans?: readonly string[] | undefined;
}

interface CommitmentBase {
  readonly id: string;
  readonly name: Localized;
  readonly description?: Localized | undefined;
  readonly appliesTo: Selector;
  readonly onBreach: readonly string[];
}

export type ClosedWithoutSolution = 'cancel' | 'breach';

/** A deadline per ticket, in business time on a calendar. */
export interface TicketClockCommitment extends CommitmentBase {
  readonly type: 'ticket-clock';
  readonly measure: TicketClockMeasure;
  readonly targetMs: Millis;
  readonly calendar: BusinessCalendar;
  /** Fractions of the allowed time, ascending: [0.75, 0.9]. */
  readonly warnAt: readonly number[];
  readonly pausesWhileWaiting: boolean;
  readonly onReopen: 'keep' | 'resume';
  readonly stopsOn: readonly TicketEventType[];
  /** Events that end the ticket without what the clock waits for (a close before the solution). */
  readonly endsOn: readonly TicketEventType[];
  /**
   * What such an end does to a clock still within its deadline: `cancel` leaves it out of
   * attainment (neither met nor breached), `breach` breaks the promise at that moment.
   */
  readonly closedWithoutSolution: ClosedWithoutSolution;
  /** Share of clocks in a window that must be met for the commitment to be met (1 = every one). */
  readonly attainment: number;
}

/** A deadline per incident; evaluated by the availability stage. */
export interface IncidentClockCommitment extends CommitmentBase {
  readonly type: 'incident-clock';
  readonly measure: IncidentClockMeasure;
  readonly targetMs: Millis;
  readonly calendar: BusinessCalendar;
  readonly warnAt: readonly number[];
  readonly attainment: number;
}

export type Window =
  { readonly type: 'month' } | { readonly type: 'rolling'; readonly days: number };

/** A value over a window compared with a threshold (uptime ≥ 99.9 %, satisfaction ≥ 4.5). */
export interface AggregateCommitment extends CommitmentBase {
  readonly type: 'aggregate';
  readonly measure: AggregateMeasure;
  readonly target: Threshold;
  readonly window: Window;
  /** The top of a score scale (satisfaction out of 5). */
  readonly scale?: number | undefined;
}

export type Commitment = TicketClockCommitment | IncidentClockCommitment | AggregateCommitment;
export type ClockCommitment = TicketClockCommitment | IncidentClockCommitment;

export interface Consequence {
  readonly name: string;
  readonly type: 'credit' | 'expedite' | 'escalate' | 'notify';
  /** Type-specific settings, read by the consequences stage. */
  readonly settings: Readonly<Record<string, unknown>>;
  /** The settings checked and typed (undefined only while the policy is being reported as broken). */
  readonly rule?: ConsequenceRule | undefined;
}

export interface Plan {
  readonly id: string;
  readonly name?: Localized | undefined;
  readonly overrides: ReadonlyMap<string, TargetValue>;
}

/** A customer contract declared in the policy file (customers may also be created over the API). */
export interface Contract {
  readonly id: CustomerId;
  readonly name: string;
  readonly plan?: string | undefined;
  readonly monthlyFee: number;
  readonly currency: string;
  readonly overrides: ReadonlyMap<string, TargetValue>;
}

/** Which metric series: every field given must match (an absent one matches anything). */
export interface SeriesSelector {
  readonly measurement: string;
  readonly field?: string | undefined;
  readonly tags?: Readonly<Record<string, string>> | undefined;
}

export type MetricAggregate =
  'mean' | 'min' | 'max' | 'sum' | 'count' | 'last' | 'p50' | 'p90' | 'p95' | 'p99';

/** A threshold on a metric over a sliding window, evaluated every minute. */
export interface MetricRule {
  readonly id: string;
  readonly name: Localized;
  /** Each matching series on its own, through an aggregate … */
  readonly series?: SeriesSelector | undefined;
  readonly aggregate: MetricAggregate;
  /** … or one ratio of sums across the matching series, in percent (errors / requests). */
  readonly ratio?:
    { readonly numerator: SeriesSelector; readonly denominator: SeriesSelector } | undefined;
  readonly overMs: number;
  readonly target: Threshold;
  readonly onBreach: readonly string[];
}

export interface AnomalyRule {
  readonly series: SeriesSelector;
  readonly minScore: number;
  readonly onAnomaly: readonly string[];
}

export interface MetricsPolicy {
  readonly quantiles: readonly SeriesSelector[];
  /** Series whose raw points are kept, and for how long. */
  readonly raw: { readonly windowMs: number; readonly series: readonly SeriesSelector[] };
  readonly rules: readonly MetricRule[];
  readonly anomalies: readonly AnomalyRule[];
}
