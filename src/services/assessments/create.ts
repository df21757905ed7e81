import { DateTime } from 'luxon';
import { Type, type Static } from 'typebox';
import {
  ASSESSMENT_VERDICTS,
  FINDING_SEVERITIES,
  type Assessment,
} from '../../domain/assessment.js';
import { invalidInput, type ErrorDetail } from '../../domain/errors.js';
import { oneOf, strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import { recorderOf, type ServiceContext } from '../context.js';
import { audit } from '../audit/record.js';
import { todayIn } from '../improvements/dates.js';
import { parseInput } from '../parse-input.js';
import { firstDayOf, QUARTER } from './schema.js';
import { assessmentView } from './view.js';

const text = (maxLength: number, description: string) =>
  Type.String({ minLength: 1, maxLength, description });

export const FindingInput = strictObject({
  severity: oneOf(FINDING_SEVERITIES),
  title: text(200, 'what was found, in a line'),
  detail: Type.Optional(Type.String({ maxLength: 5000, description: 'the evidence and advice' })),
});

export const CreateAssessmentInput = strictObject({
  period: QUARTER,
  assessor: text(200, 'the person who assessed'),
  organisation: text(200, 'the assessing body'),
  scope: text(2000, 'what was assessed'),
  findings: Type.Array(FindingInput, { maxItems: 500 }),
  verdict: oneOf(ASSESSMENT_VERDICTS),
  date: Type.String({
    pattern: '^\\d{4}-\\d{2}-\\d{2}$',
    description: 'the date of the assessment, like 2026-12-20',
  }),
});
export type CreateAssessmentInput = Static<typeof CreateAssessmentInput>;

/**
 * What the schema cannot say: blank names, dates that do not exist or do not fit the quarter,
 * a verdict that contradicts the findings. Every problem at once, like the schema's.
 */
function problemsOf(body: CreateAssessmentInput, today: string): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const field of ['assessor', 'organisation', 'scope'] as const)
    if (body[field].trim() === '') out.push({ path: `/${field}`, message: 'must not be blank' });
  body.findings.forEach((f, i) => {
    if (f.title.trim() === '')
      out.push({ path: `/findings/${i}/title`, message: 'must not be blank' });
  });
  if (!DateTime.fromISO(body.date).isValid)
    out.push({ path: '/date', message: `"${body.date}" is not a calendar date` });
  else if (body.date < firstDayOf(body.period))
    out.push({
      path: '/date',
      message: `${body.date} is before ${body.period} began (${firstDayOf(body.period)}); a quarter is assessed during or after it`,
    });
  else if (body.date > today)
    out.push({ path: '/date', message: `${body.date} is in the future (today is ${today})` });
  if (body.verdict !== 'pass' && body.findings.length === 0)
    out.push({
      path: '/findings',
      message: `a verdict of ${body.verdict} needs the findings behind it; none were given`,
    });
  return out;
}

/** Records a quarter's third-party assessment, as the assessor (or an admin for them) reports it. */
export async function createAssessment({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx.caller, ['admin', 'auditor'], 'recording an assessment');
  const body = parseInput(CreateAssessmentInput, input, 'invalid assessment');
  const now = ctx.time.now();
  const problems = problemsOf(body, todayIn(ctx.policy.timezone, now));
  if (problems.length > 0)
    throw invalidInput(
      `invalid assessment: ${problems.map((p) => `${p.path.slice(1).replace(/\//g, '.')}: ${p.message}`).join('; ')}`,
      problems,
    );
  const assessment: Omit<Assessment, 'id'> = {
    period: body.period,
    assessor: body.assessor,
    organisation: body.organisation,
    scope: body.scope,
    findings: body.findings,
    verdict: body.verdict,
    date: body.date,
    recordedBy: recorderOf(ctx.caller),
    recordedAt: now,
  };
  return ctx.store.transaction(async (tx) => {
    const id = await tx.assessments.insert(assessment);
    await audit(tx, ctx, { action: 'assessment.recorded', type: 'assessment', id });
    return assessmentView({ ...assessment, id });
  });
}
