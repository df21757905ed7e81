import type { Localized } from '../domain/localized.js';
import type { Period } from './period.js';

/**
 * What a report is made from, gathered by services/reports. Plain data: the models are pure
 * functions of it, so the same facts always make the same report. Sections whose source has
 * not landed yet (availability) are null and render as "not measured yet".
 */

export interface ComplianceFacts {
  readonly window: {
    readonly from: string;
    readonly to: string;
    readonly label: string;
    readonly timezone: string;
  };
  readonly customer: string | null;
  readonly commitments: readonly ComplianceEntryFacts[];
}

export interface ComplianceEntryFacts {
  readonly commitment: string;
  readonly name: Localized;
  readonly measure: string;
  readonly target: string;
  readonly unit: 'percent' | 'score' | 'duration';
  readonly value: number | null;
  readonly met: boolean | null;
  readonly status: 'met' | 'breached' | 'no_data' | 'not_measured';
  readonly breaches: number;
  readonly sample: number;
  readonly tickets: readonly number[];
  readonly evidence: ReadonlyArray<{
    ticket: number;
    customer: string;
    dueAt: string | null;
    breachedAt: string | null;
    reason?: string;
  }>;
  /** Clocks cancelled: the ticket closed, in time, before its solution (not in value or sample). */
  readonly cancelled: number;
  readonly cancelledTickets: readonly number[];
}

export interface CommitmentFacts {
  readonly id: string;
  readonly name: Localized;
  readonly type: 'ticket-clock' | 'incident-clock' | 'aggregate';
  readonly measure: string;
  /** The policy's default target, as written. */
  readonly target: string;
  /** The percent of the monthly fee a breach earns the customer, if the policy grants a per-breach credit. */
  readonly creditPercent: number | null;
  /** Whether a higher value is better (uptime) or a lower one (complaints); clocks count attainment, higher. */
  readonly better: 'higher' | 'lower';
}

export interface TicketFacts {
  readonly id: number;
  readonly customer: string;
  readonly kind: string;
  readonly priority: string;
  readonly channel: string;
  readonly subject: string;
  readonly status: string;
  readonly createdAt: string;
  readonly rating: number | null;
  readonly decision: string | null;
  readonly breached: boolean;
  readonly clocks: ReadonlyArray<{
    commitment: string;
    state: string;
    targetMs: number;
    dueAt: string | null;
    stoppedAt: string | null;
    breachedAt: string | null;
    elapsedMs: number;
  }>;
  readonly events: ReadonlyArray<{ type: string; at: string }>;
}

export interface SignalFacts {
  readonly id: number;
  readonly type: string;
  readonly at: string;
  readonly subject: { readonly type: string; readonly id: string };
  readonly commitment: string | null;
  readonly customer: string | null;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface CustomerFacts {
  readonly id: string;
  readonly name: string;
  readonly plan: string | null;
  /** In major units (yuan). */
  readonly monthlyFee: number;
  readonly currency: string;
}

export interface ImprovementFacts {
  readonly id: number;
  readonly month: string;
  readonly title: string;
  readonly description: string;
  readonly owner: string;
  readonly dueDate: string;
  readonly status: string;
  readonly overdue: boolean;
  readonly links: ReadonlyArray<{
    commitment: string;
    ticket?: number | undefined;
    signal?: number | undefined;
  }>;
  readonly reviews: ReadonlyArray<{
    quarter: string;
    effect: string;
    note: string;
    reviewer: string;
    reviewedAt: string;
  }>;
}

/** A quarter's third-party assessment, as recorded (newest first in the facts). */
export interface AssessmentFacts {
  readonly id: number;
  readonly assessor: string;
  readonly organisation: string;
  readonly scope: string;
  /** "2026-12-20" */
  readonly date: string;
  readonly verdict: string;
  /** How many findings of each severity ("info" … "critical"), every severity named. */
  readonly counts: Readonly<Record<string, number>>;
  /** The findings themselves; null where the reader sees only the counts (a customer). */
  readonly findings: ReadonlyArray<{
    severity: string;
    title: string;
    detail: string | null;
  }> | null;
}

/** Uptime per service, when the availability stage has landed. */
export interface AvailabilityFacts {
  readonly services: ReadonlyArray<{
    id: string;
    name: string;
    uptimePercent: number | null;
    downtimeMs: number;
    incidents: number;
  }>;
  readonly incidents: ReadonlyArray<{
    id: string;
    service: string;
    title: string;
    startedAt: string;
    resolvedAt: string | null;
    durationMs: number | null;
  }>;
  /** Mean time to recovery over the period, in ms. */
  readonly mttrMs: number | null;
}

/** One line of the credit ledger, with its evidence, in major units of its currency. */
export interface CreditLineFacts {
  readonly month: string;
  readonly commitment: string;
  readonly consequence: string;
  readonly kind: 'breach' | 'uptime';
  readonly ticket: number | null;
  readonly incident: string | null;
  readonly dueAt: string | null;
  readonly breachedAt: string | null;
  readonly stoppedAt: string | null;
  readonly uptimePercent: number | null;
  readonly percentOfMonthlyFee: number;
  readonly amount: number;
  /** Why a cap shortened the line, if one did. */
  readonly capped?: string | undefined;
}

/** One customer's credit statement over the report's months, as the ledger states it. */
export interface CreditStatementFacts {
  readonly customer: string;
  readonly name: string;
  readonly currency: string;
  /** The currency's smallest unit (0.01 for CNY), which every line is rounded to. */
  readonly minorUnit: number;
  readonly monthlyFee: number;
  /** The most a month may credit. */
  readonly cap: number;
  readonly total: number;
  readonly lines: readonly CreditLineFacts[];
}

/** The credit ledger's statements for the months a report covers (monthly and quarterly reports). */
export interface CreditFacts {
  readonly months: readonly string[];
  readonly rounding: string;
  readonly customers: readonly CreditStatementFacts[];
}

/**
 * Events dated in the period but recorded more than the policy's tolerance later, and how many
 * of them kept a clock from breaching (evaluate/compliance/late-entries.ts). Monthly and
 * quarterly reports; a customer's report has the counts without the items.
 */
export interface LateEntryFacts {
  /** The policy's lateEntryTolerance: an event recorded later than this after its time is late. */
  readonly toleranceMs: number;
  readonly count: number;
  readonly changedOutcome: number;
  readonly items: ReadonlyArray<{
    ticket: number;
    customer: string;
    seq: number;
    type: string;
    at: string;
    recordedAt: string;
    recordedBy: { readonly id: string; readonly name?: string | undefined } | null;
    /** The commitments that would have breached had the entry been dated when it was recorded. */
    changed: readonly string[];
  }>;
}

export interface ReportFacts {
  readonly period: Period;
  readonly generatedAt: string;
  readonly policy: {
    readonly name: Localized;
    readonly timezone: string;
    readonly currency: string;
    readonly hash: string;
  };
  readonly commitments: readonly CommitmentFacts[];
  readonly customer: string | null;
  readonly compliance: ComplianceFacts;
  readonly previousCompliance: ComplianceFacts;
  /** Health of each commitment over the period, by commitment id. */
  readonly health: Readonly<
    Record<string, { health: 'green' | 'amber' | 'red' | 'grey'; budgetLeft: number | null }>
  >;
  /** Monthly compliance of each month the period touches (quarterly reports), and the weeks before a weekly one. */
  readonly series: ReadonlyArray<{ label: string; compliance: ComplianceFacts }>;
  /** Tickets created in the period, with their clocks and histories. */
  readonly tickets: readonly TicketFacts[];
  /** Tickets created in the period before (weekly reports compare volumes); empty for the others. */
  readonly previousTickets: readonly TicketFacts[];
  /** Tickets breached in the period but created before it (their evidence is in the compliance facts). */
  readonly breachedTickets: readonly TicketFacts[];
  /** Open tickets when the period ended (or now, if it has not). */
  readonly openTickets: readonly TicketFacts[];
  readonly signals: readonly SignalFacts[];
  readonly previousSignals: number;
  readonly customers: readonly CustomerFacts[];
  readonly improvements: readonly ImprovementFacts[];
  readonly availability: AvailabilityFacts | null;
  /** The credit ledger's statements (monthly and quarterly reports); null where a report shows no credits. */
  readonly credits: CreditFacts | null;
  /** Late entries over the period (monthly and quarterly reports); null for the others. */
  readonly lateEntries: LateEntryFacts | null;
  /** The quarter's third-party assessments (quarterly reports); empty for the others. */
  readonly assessments: readonly AssessmentFacts[];
  /** The audit log's head when the report was generated, signed: the report's proof. */
  readonly audit: AuditProofFacts | null;
}

export interface AuditProofFacts {
  readonly seq: number;
  readonly hash: string;
  readonly signedAt: string | null;
  readonly keyId: string | null;
  readonly signature: string | null;
  readonly publicKey: string | null;
}
