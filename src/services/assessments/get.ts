import { notFound } from '../../domain/errors.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { ASSESSMENT_READERS } from './schema.js';
import { assessmentView } from './view.js';

export async function getAssessment({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: number };
}) {
  requireRole(ctx.caller, ASSESSMENT_READERS, 'reading assessments');
  const a = await ctx.store.assessments.get(input.id);
  if (!a) throw notFound(`there is no assessment ${input.id}`);
  return assessmentView(a);
}
