import { DateTime } from 'luxon';
import { Type } from 'typebox';
import { commitmentHealth } from '../../evaluate/compliance/health.js';
import { strictObject } from '../../validation/schema-kit.js';
import { scopeOf } from '../authorize.js';
import { complianceReport } from '../compliance/report.js';
import { monthOf } from '../compliance/window.js';
import type { ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';
import { policyOfPeriod } from '../policy/terms.js';

export const OverviewInput = strictObject({
  month: Type.Optional(
    Type.String({
      pattern: '^\\d{4}-\\d{2}$',
      description: 'the month (policy time zone); the current one by default',
    }),
  ),
  months: Type.Optional(
    Type.String({
      pattern: '^([1-9]|1[0-2])$',
      description: 'how many months of trend, this one included (6 by default)',
    }),
  ),
});

/**
 * The dashboard's first screen: every commitment this month with its colour, budget left
 * and trend over the months before, and how many of its clocks are running, warning or
 * paused right now. Customers see their own.
 */
export async function overview({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  const q = parseInput(OverviewInput, input, 'invalid overview query');
  const zone = ctx.policy.timezone;
  const month = q.month ?? monthOf(ctx.time.now(), zone);
  const scope = scopeOf(ctx.caller);
  const current = await complianceReport({ ctx, input: { month } });
  const start = DateTime.fromISO(`${month}-01`, { zone });
  const earlier: string[] = [];
  for (let i = Number(q.months ?? 6) - 1; i >= 1; i--)
    earlier.push(start.minus({ months: i }).toFormat('yyyy-MM'));
  const past: Array<Awaited<ReturnType<typeof complianceReport>>> = [];
  for (const m of earlier) past.push(await complianceReport({ ctx, input: { month: m } }));
  const open = await ctx.store.clocks.openCounts(scope);
  // The commitments as the report of the month listed them: the terms in force at its end (or now).
  const terms = policyOfPeriod(ctx, { to: Date.parse(current.window.to) }, ctx.time.now());
  const byId = new Map(terms.commitments.map((c) => [c.id, c]));
  return {
    month,
    timezone: zone,
    customer: current.customer,
    generatedAt: current.generatedAt,
    commitments: current.commitments.map((e) => {
      const counts = { running: 0, warning: 0, paused: 0 };
      for (const o of open)
        if (o.commitment === e.commitment) counts[o.state as keyof typeof counts] += o.count;
      const { health, budgetLeft } = commitmentHealth(byId.get(e.commitment)!, e, counts.warning);
      return {
        commitment: e.commitment,
        name: e.name,
        measure: e.measure,
        target: e.target,
        unit: e.unit,
        value: e.value,
        status: e.status,
        health,
        budgetLeft,
        breaches: e.breaches,
        sample: e.sample,
        tickets: e.tickets.length,
        open: counts,
        trend: [
          ...past.map((p) => ({
            month: p.window.label,
            value: p.commitments.find((x) => x.commitment === e.commitment)?.value ?? null,
          })),
          { month, value: e.value },
        ],
      };
    }),
  };
}
