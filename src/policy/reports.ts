import type { Language } from '../domain/localized.js';

/**
 * The compiled `reports` section: which quality reports are generated on their own, when
 * (a time of day in the policy's zone, once the period has closed), how, and for whom.
 */

/** The same kinds as reports/period.ts (which may import the policy, not the other way round). */
export const SCHEDULED_REPORT_KINDS = ['daily', 'weekly', 'monthly', 'quarterly'] as const;
export type ScheduledReportKind = (typeof SCHEDULED_REPORT_KINDS)[number];

export type ReportRecipient =
  /** A person of the notifications section (by e-mail, or the channels of their `via`). */
  | { readonly kind: 'person'; readonly id: string }
  /** A channel of the notifications section itself (an e-mail channel sends to its `to`). */
  | { readonly kind: 'channel'; readonly id: string };

export interface ReportSchedule {
  readonly name: string;
  readonly kind: ScheduledReportKind;
  /** Minutes after local midnight on the first day after the period, when the report goes out. */
  readonly atMinutes: number;
  readonly language: Language;
  readonly format: 'pdf' | 'html';
  /** Teams are expanded to their members; each person or channel gets one copy. */
  readonly to: readonly ReportRecipient[];
  /** A customer's own report (its commitments, breaches and credits), or every customer's. */
  readonly customer?: string | undefined;
}

export interface ReportsPolicy {
  readonly schedules: ReadonlyMap<string, ReportSchedule>;
}

export const EMPTY_REPORTS: ReportsPolicy = { schedules: new Map() };
