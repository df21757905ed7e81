import { FINDING_SEVERITIES } from '../../domain/assessment.js';
import type { AssessmentView } from '../../services/assessments/view.js';
import { when } from './availability.js';
import { table } from './table.js';

/** "1 high, 2 low", or "none". */
const countWords = (a: AssessmentView) =>
  [...FINDING_SEVERITIES]
    .reverse()
    .filter((s) => a.counts[s] > 0)
    .map((s) => `${a.counts[s]} ${s}`)
    .join(', ') || 'none';

/** One assessment just recorded: who concluded what, and its findings worst first. */
export function assessmentDetail(a: AssessmentView): string {
  const by = a.recordedBy.name ? `${a.recordedBy.name} (${a.recordedBy.id})` : a.recordedBy.id;
  const head = [
    `Assessment ${a.id} of ${a.period}: ${a.verdict} (${countWords(a)})`,
    `${a.assessor}, ${a.organisation}, on ${a.date}; recorded by ${by} at ${when(a.recordedAt)}`,
    `Scope: ${a.scope}`,
    '',
  ].join('\n');
  if (a.findings.length === 0) return `${head}No findings.\n`;
  const rank = (s: string) => FINDING_SEVERITIES.indexOf(s as (typeof FINDING_SEVERITIES)[number]);
  return (
    head +
    table(
      ['severity', 'finding', 'detail'],
      [...a.findings]
        .sort((x, y) => rank(y.severity) - rank(x.severity))
        .map((f) => [f.severity, f.title, f.detail ?? '']),
    )
  );
}

/** The assessments, newest first. */
export function assessmentsTable(r: { assessments: readonly AssessmentView[] }): string {
  if (r.assessments.length === 0)
    return 'No assessments recorded. Record one with `surety assessments add --file F.json`.\n';
  return table(
    ['id', 'period', 'date', 'verdict', 'findings', 'assessor', 'organisation'],
    r.assessments.map((a) => [
      String(a.id),
      a.period,
      a.date,
      a.verdict,
      countWords(a),
      a.assessor,
      a.organisation,
    ]),
  );
}
