import { Type } from 'typebox';
import { invalidInput } from '../../domain/errors.js';
import { strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import { monthOf } from '../compliance/window.js';
import type { ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';
import { monthStatus, monthsBetween } from './status.js';
import { Month, monthView } from './view.js';

export const ListMonthsInput = strictObject({
  from: Type.Optional({ ...Month, description: 'the first month; the oldest ticket’s by default' }),
  to: Type.Optional({ ...Month, description: 'the last month; this one by default' }),
});

/** Listed at most at once, so a typo in `from` cannot ask for centuries. */
const MAX_MONTHS = 120;

/** Months newest first, each open or closed and why, with its closings and reopenings (staff). */
export async function listMonths({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx.caller, ['admin', 'agent', 'auditor'], 'listing the months');
  const q = parseInput(ListMonthsInput, input, 'invalid month range');
  const now = ctx.time.now();
  const zone = ctx.policy.timezone;
  const events = await ctx.store.months.events();
  const first = await ctx.store.tickets.firstCreatedAt();
  const to = q.to ?? monthOf(now, zone);
  const from =
    q.from ??
    [monthOf(first ?? now, zone), ...events.map((e) => e.month)].reduce((a, b) => (a < b ? a : b));
  if (from > to)
    throw invalidInput(`from: ${from} is after to (${to})`, [
      { path: '/from', message: 'after to' },
    ]);
  const months = monthsBetween(from, to);
  if (months.length > MAX_MONTHS)
    throw invalidInput(
      `from: ${from} to ${to} is ${months.length} months; ask for at most ${MAX_MONTHS} at once`,
      [{ path: '/from', message: 'too many months' }],
    );
  return {
    timezone: zone,
    closeAfter: ctx.policy.closeAfterMs,
    months: months.reverse().map((m) => monthView(monthStatus(m, events, ctx.policy, now))),
  };
}
