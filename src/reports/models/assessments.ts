import { FINDING_SEVERITIES } from '../../domain/assessment.js';
import type { AssessmentFacts } from '../facts.js';

/** Worst first, as a reader scans them. */
const SEVERITIES = [...FINDING_SEVERITIES].reverse();

export interface AssessmentItem {
  readonly id: number;
  readonly assessor: string;
  readonly organisation: string;
  readonly scope: string;
  readonly date: string;
  readonly verdict: string;
  /** Every severity, worst first, with how many findings it has. */
  readonly bySeverity: ReadonlyArray<{ severity: string; count: number }>;
  readonly total: number;
  /** Worst first; null when the reader sees only the counts (a customer's report). */
  readonly findings: AssessmentFacts['findings'];
}

/** The guarantee's quarterly third-party assessment (每季度质量认证): what was recorded for the quarter, newest first. */
export interface AssessmentModel {
  readonly period: string;
  readonly items: readonly AssessmentItem[];
}

export function assessmentModel(
  period: string,
  facts: readonly AssessmentFacts[],
): AssessmentModel {
  const rank = (s: string) => SEVERITIES.indexOf(s as (typeof SEVERITIES)[number]);
  return {
    period,
    items: facts.map((a) => ({
      id: a.id,
      assessor: a.assessor,
      organisation: a.organisation,
      scope: a.scope,
      date: a.date,
      verdict: a.verdict,
      bySeverity: SEVERITIES.map((severity) => ({ severity, count: a.counts[severity] ?? 0 })),
      total: SEVERITIES.reduce((n, s) => n + (a.counts[s] ?? 0), 0),
      findings:
        a.findings === null
          ? null
          : [...a.findings].sort((x, y) => rank(x.severity) - rank(y.severity)),
    })),
  };
}
