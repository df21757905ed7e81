import { Type } from 'typebox';
import { ASSESSMENT_VERDICTS, FINDING_SEVERITIES } from '../../domain/assessment.js';
import { oneOf } from '../../validation/schema-kit.js';
import { Iso, orNull, ref } from './kit.js';
import { Recorder } from './tickets.js';

export const Assessment = Type.Object({
  id: Type.Integer(),
  period: Type.String({ description: 'the quarter assessed, like 2026-Q4' }),
  assessor: Type.String(),
  organisation: Type.String(),
  scope: Type.String(),
  date: Type.String({ description: 'the date of the assessment, like 2026-12-20' }),
  verdict: oneOf(ASSESSMENT_VERDICTS),
  findings: Type.Array(
    Type.Object({
      severity: oneOf(FINDING_SEVERITIES),
      title: Type.String(),
      detail: orNull(Type.String()),
    }),
  ),
  counts: Type.Object(
    Object.fromEntries(FINDING_SEVERITIES.map((s) => [s, Type.Integer()])) as Record<
      (typeof FINDING_SEVERITIES)[number],
      ReturnType<typeof Type.Integer>
    >,
    { description: 'how many findings of each severity' },
  ),
  recordedBy: ref('Recorder', Recorder),
  recordedAt: Iso,
});

export const AssessmentList = Type.Object({
  assessments: Type.Array(ref('Assessment', Assessment)),
});
