import { Type } from 'typebox';
import { strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';
import { ASSESSMENT_READERS, QUARTER } from './schema.js';
import { assessmentView } from './view.js';

export const ListAssessmentsInput = strictObject({ period: Type.Optional(QUARTER) });

/** The recorded assessments, newest first (by date, then the latest recorded), of one quarter or all. */
export async function listAssessments({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx.caller, ASSESSMENT_READERS, 'reading assessments');
  const q = parseInput(ListAssessmentsInput, input, 'invalid assessment query');
  const rows = await ctx.store.assessments.list({ period: q.period, limit: 10_000 });
  return { assessments: rows.map(assessmentView) };
}
