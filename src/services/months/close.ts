import { Type } from 'typebox';
import { conflict } from '../../domain/errors.js';
import { toIso } from '../../domain/time.js';
import { strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import type { AvailabilityCreditFacts } from '../credits/availability-credit-facts.js';
import { recomputeCredits } from '../credits/recompute.js';
import { parseInput } from '../parse-input.js';
import { monthStatusOf } from './status.js';
import { Month, monthView } from './view.js';

const Reason = Type.String({
  minLength: 1,
  maxLength: 2000,
  pattern: '\\S',
  description: 'why, kept with who and when ("statement issued" by default)',
});

/** The body of POST /months/{month}/close. */
export const CloseMonthBody = strictObject({ reason: Type.Optional(Reason) });
export const CloseMonthInput = strictObject({ month: Month, reason: Type.Optional(Reason) });

/**
 * Issues a month's statement (admin): its ledger is computed one last time, for every customer,
 * and the closing recorded in the same transaction; from then on no policy change or
 * recomputation re-derives the month until it is reopened. Without this, a month closes by
 * itself once the policy's closeAfter has passed after its end.
 */
export async function closeMonth({
  ctx,
  input,
  availability,
}: {
  ctx: ServiceContext;
  input: unknown;
  availability?: AvailabilityCreditFacts | undefined;
}) {
  requireRole(ctx.caller, ['admin'], 'closing a month');
  const q = parseInput(CloseMonthInput, input, 'invalid closing');
  const now = ctx.time.now();
  const before = await monthStatusOf(ctx.store, ctx.policy, q.month, now);
  if (before.state === 'running')
    throw conflict(
      `month: ${q.month} runs until ${toIso(before.to)}; a month can be closed once it has ended`,
    );
  if (before.settled)
    throw conflict(`month: ${q.month} is already closed (${before.why}); nothing was changed`);
  const r = await recomputeCredits({
    ctx,
    input: { month: q.month },
    availability,
    closing: q.reason?.trim() ?? 'statement issued',
  });
  return {
    ...monthView(await monthStatusOf(ctx.store, ctx.policy, q.month, now)),
    credits: { changes: r.changes },
  };
}
