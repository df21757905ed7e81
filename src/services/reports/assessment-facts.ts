import type { AssessmentFacts } from '../../reports/facts.js';
import { findingCounts } from '../assessments/view.js';
import type { ServiceContext } from '../context.js';

/**
 * A quarter's assessments for its report, newest first. Staff and assessors see every finding;
 * a customer sees who assessed, when, the scope, the verdict and how many findings of each
 * severity: its assurance, without the provider's internal detail.
 */
export async function assessmentFacts(
  ctx: ServiceContext,
  quarter: string,
  withFindings: boolean,
): Promise<AssessmentFacts[]> {
  const rows = await ctx.store.assessments.list({ period: quarter, limit: 100 });
  return rows.map((a) => ({
    id: a.id,
    assessor: a.assessor,
    organisation: a.organisation,
    scope: a.scope,
    date: a.date,
    verdict: a.verdict,
    counts: findingCounts(a),
    findings: withFindings
      ? a.findings.map((f) => ({ severity: f.severity, title: f.title, detail: f.detail ?? null }))
      : null,
  }));
}
