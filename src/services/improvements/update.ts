import { Type } from 'typebox';
import { notFound } from '../../domain/errors.js';
import { strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { audit } from '../audit/record.js';
import { parseInput } from '../parse-input.js';
import { checkDate, todayIn } from './dates.js';
import { DATE, LinkInput, StatusInput } from './schema.js';
import { validateLinks } from './validate-links.js';
import { improvementView } from './view.js';

export const UpdateImprovementInput = strictObject(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    owner: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    dueDate: Type.Optional(DATE),
    status: Type.Optional(StatusInput),
    links: Type.Optional(Type.Array(LinkInput, { maxItems: 200 })),
  },
  { minProperties: 1 },
);

/** Changes an item: its status as work proceeds, its owner, due date or linked breaches. */
export async function updateImprovement({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: number; changes: unknown };
}) {
  requireRole(ctx.caller, ['admin', 'agent'], 'changing the improvement plan');
  const changes = parseInput(UpdateImprovementInput, input.changes, 'invalid improvement change');
  if (changes.dueDate !== undefined) checkDate(changes.dueDate, '/dueDate');
  const now = ctx.time.now();
  return ctx.store.transaction(async (tx) => {
    const item = await tx.improvements.get(input.id, { lock: true });
    if (!item) throw notFound(`there is no improvement item ${input.id}`);
    if (changes.links) await validateLinks(tx, ctx.policy, changes.links);
    const next = { ...item, ...changes, updatedAt: now };
    await tx.improvements.update(item.id, next);
    await audit(tx, ctx, { action: 'improvement.changed', type: 'improvement', id: item.id });
    return improvementView(next, todayIn(ctx.policy.timezone, now));
  });
}
