import { Type } from 'typebox';
import { invalidInput, notFound } from '../../domain/errors.js';
import { strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { audit } from '../audit/record.js';
import { parseInput } from '../parse-input.js';
import { todayIn } from './dates.js';
import { EffectInput } from './schema.js';
import { improvementView } from './view.js';

export const ReviewImprovementInput = strictObject({
  quarter: Type.String({
    pattern: '^\\d{4}-Q[1-4]$',
    description: 'the quarter reviewed, like 2026-Q4',
  }),
  effect: EffectInput,
  note: Type.Optional(Type.String({ maxLength: 5000 })),
});

/** Records the quarterly review of an item's effect (guarantee §6); a second review of a quarter replaces the first. */
export async function reviewImprovement({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: number; review: unknown };
}) {
  requireRole(ctx.caller, ['admin', 'agent'], 'reviewing the improvement plan');
  const body = parseInput(ReviewImprovementInput, input.review, 'invalid improvement review');
  const now = ctx.time.now();
  return ctx.store.transaction(async (tx) => {
    const item = await tx.improvements.get(input.id, { lock: true });
    if (!item) throw notFound(`there is no improvement item ${input.id}`);
    const [y, q] = body.quarter.split('-Q').map(Number) as [number, number];
    const lastMonth = `${y}-${String(q * 3).padStart(2, '0')}`;
    if (item.month > lastMonth) {
      throw invalidInput(
        `quarter: item ${item.id} belongs to the plan of ${item.month}, after ${body.quarter}; review it in its own quarter or later`,
        [{ path: '/quarter', message: 'before the item' }],
      );
    }
    await tx.improvements.putReview(item.id, {
      quarter: body.quarter,
      effect: body.effect,
      note: body.note ?? '',
      reviewer: ctx.caller.id,
      reviewedAt: now,
    });
    await audit(tx, ctx, { action: 'improvement.reviewed', type: 'improvement', id: item.id });
    const updated = (await tx.improvements.get(item.id))!;
    return improvementView(updated, todayIn(ctx.policy.timezone, now));
  });
}
