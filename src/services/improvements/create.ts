import { Type, type Static } from 'typebox';
import { strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { audit } from '../audit/record.js';
import { parseInput } from '../parse-input.js';
import { checkDate, todayIn } from './dates.js';
import { DATE, LinkInput, MONTH, StatusInput } from './schema.js';
import { validateLinks } from './validate-links.js';
import { improvementView } from './view.js';

export const CreateImprovementInput = strictObject({
  month: MONTH,
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  owner: Type.String({ minLength: 1, maxLength: 200, description: 'who is accountable' }),
  dueDate: DATE,
  status: Type.Optional(StatusInput),
  links: Type.Optional(
    Type.Array(LinkInput, { maxItems: 200, description: 'the breaches this item answers' }),
  ),
});
export type CreateImprovementInput = Static<typeof CreateImprovementInput>;

/** Adds an item to a month's improvement plan (guarantee §6). */
export async function createImprovement({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx.caller, ['admin', 'agent'], 'planning improvements');
  const body = parseInput(CreateImprovementInput, input, 'invalid improvement item');
  checkDate(body.dueDate, '/dueDate');
  const now = ctx.time.now();
  const links = body.links ?? [];
  return ctx.store.transaction(async (tx) => {
    await validateLinks(tx, ctx.policy, links);
    const item = {
      month: body.month,
      title: body.title,
      description: body.description ?? '',
      owner: body.owner,
      dueDate: body.dueDate,
      status: body.status ?? 'planned',
      links,
      createdAt: now,
      updatedAt: now,
      createdBy: ctx.caller.id,
    };
    const id = await tx.improvements.insert(item);
    await audit(tx, ctx, { action: 'improvement.planned', type: 'improvement', id });
    return improvementView({ ...item, id, reviews: [] }, todayIn(ctx.policy.timezone, now));
  });
}
