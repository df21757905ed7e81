import { Type } from 'typebox';
import { IMPROVEMENT_STATUSES, type ImprovementStatus } from '../../domain/improvement.js';
import { strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';
import { todayIn } from './dates.js';
import { MONTH } from './schema.js';
import { improvementView } from './view.js';

export const ListImprovementsInput = strictObject({
  month: Type.Optional(MONTH),
  quarter: Type.Optional(
    Type.String({
      pattern: '^\\d{4}-Q[1-4]$',
      description: 'the plans of a quarter, like 2026-Q4',
    }),
  ),
  status: Type.Optional(
    Type.String({
      pattern: `^(${IMPROVEMENT_STATUSES.join('|')})(,(${IMPROVEMENT_STATUSES.join('|')}))*$`,
      description: 'one or more statuses, comma-separated',
    }),
  ),
});

/** The improvement plan: a month's or a quarter's items, or all of them. */
export async function listImprovements({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx.caller, ['admin', 'agent', 'auditor'], 'reading the improvement plan');
  const q = parseInput(ListImprovementsInput, input, 'invalid improvement query');
  let range: { fromMonth?: string; toMonth?: string } = {};
  if (q.quarter) {
    const [y, n] = q.quarter.split('-Q').map(Number) as [number, number];
    range = {
      fromMonth: `${y}-${String(n * 3 - 2).padStart(2, '0')}`,
      toMonth: `${y}-${String(n * 3).padStart(2, '0')}`,
    };
  }
  const items = await ctx.store.improvements.list({
    month: q.month,
    ...range,
    statuses: q.status?.split(',') as ImprovementStatus[] | undefined,
    limit: 10_000,
  });
  const today = todayIn(ctx.policy.timezone, ctx.time.now());
  return { items: items.map((i) => improvementView(i, today)) };
}
