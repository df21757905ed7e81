import {
  FINDING_SEVERITIES,
  type Assessment,
  type FindingSeverity,
} from '../../domain/assessment.js';
import { toIso } from '../../domain/time.js';

/** How many findings of each severity, every severity named (0 when none). */
export function findingCounts(a: Pick<Assessment, 'findings'>): Record<FindingSeverity, number> {
  const counts = Object.fromEntries(FINDING_SEVERITIES.map((s) => [s, 0])) as Record<
    FindingSeverity,
    number
  >;
  for (const f of a.findings) counts[f.severity] += 1;
  return counts;
}

/** An assessment as the API, the CLI and the staff's reports show it. */
export function assessmentView(a: Assessment) {
  return {
    id: a.id,
    period: a.period,
    assessor: a.assessor,
    organisation: a.organisation,
    scope: a.scope,
    date: a.date,
    verdict: a.verdict,
    findings: a.findings.map((f) => ({
      severity: f.severity,
      title: f.title,
      detail: f.detail ?? null,
    })),
    counts: findingCounts(a),
    recordedBy: { id: a.recordedBy.id, name: a.recordedBy.name ?? null },
    recordedAt: toIso(a.recordedAt),
  };
}
export type AssessmentView = ReturnType<typeof assessmentView>;
