import { Type } from 'typebox';
import { conflict } from '../../domain/errors.js';
import { strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import { rederiveCreated } from '../clocks/rederive.js';
import { recorderOf, type ServiceContext } from '../context.js';
import { audit } from '../audit/record.js';
import { parseInput } from '../parse-input.js';
import { monthStatusOf } from './status.js';
import { Month, monthView } from './view.js';

const Reason = Type.String({
  minLength: 1,
  maxLength: 2000,
  pattern: '\\S',
  description: 'why the month is opened again (kept with who and when)',
});

/** The body of POST /months/{month}/reopen. */
export const ReopenMonthBody = strictObject({ reason: Reason });
export const ReopenMonthInput = strictObject({ month: Month, reason: Reason });

/**
 * Opens a closed month again (admin), with who, when and why kept. Its tickets' clocks are
 * re-derived at once (each under the terms in force when it was created), and the next
 * recomputation of its credits (a statement read, a credit-bearing signal) re-derives its
 * ledger; it stays open until it is closed again by hand.
 */
export async function reopenMonth({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx.caller, ['admin'], 'reopening a month');
  const q = parseInput(ReopenMonthInput, input, 'invalid reopening');
  const now = ctx.time.now();
  const status = await ctx.store.transaction(async (tx) => {
    const before = await monthStatusOf(tx, ctx.policy, q.month, now);
    if (before.state !== 'closed')
      throw conflict(
        `month: ${q.month} is not closed (it is ${before.state}: ${before.why}); only a closed month can be reopened`,
      );
    await tx.months.record({
      month: q.month,
      action: 'reopened',
      reason: q.reason.trim(),
      at: now,
      by: recorderOf(ctx.caller),
    });
    await audit(tx, ctx, {
      action: 'month.reopened',
      type: 'month',
      id: q.month,
      reason: q.reason.trim(),
    });
    return monthStatusOf(tx, ctx.policy, q.month, now);
  });
  const tickets = await rederiveCreated({ ctx, from: status.from, to: status.to });
  return { ...monthView(status), rederived: { tickets } };
}
