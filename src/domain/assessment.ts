import type { Recorder } from './ticket.js';
import type { Instant } from './time.js';

/** How much a finding of an assessment matters, least first. */
export const FINDING_SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

/** What a third-party assessor concluded about a quarter. */
export const ASSESSMENT_VERDICTS = ['pass', 'pass_with_findings', 'fail'] as const;
export type AssessmentVerdict = (typeof ASSESSMENT_VERDICTS)[number];

export interface AssessmentFinding {
  readonly severity: FindingSeverity;
  readonly title: string;
  readonly detail?: string | undefined;
}

/** The guarantee's quarterly third-party assessment (每季度质量认证), as the assessor reported it. */
export interface Assessment {
  readonly id: number;
  /** The quarter assessed: "2026-Q4". */
  readonly period: string;
  readonly assessor: string;
  readonly organisation: string;
  readonly scope: string;
  readonly findings: readonly AssessmentFinding[];
  readonly verdict: AssessmentVerdict;
  /** The calendar date of the assessment, "2026-12-20". */
  readonly date: string;
  /** Who recorded it, as authenticated, and when (the server's time). */
  readonly recordedBy: Recorder;
  readonly recordedAt: Instant;
}
