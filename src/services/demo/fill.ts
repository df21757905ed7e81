import { Type } from 'typebox';
import { SuretyError } from '../../domain/errors.js';
import { DEMO_CUSTOMERS, demoTickets } from '../../demo/tickets.js';
import { demoMetrics } from '../../demo/metrics.js';
import { seeded } from '../../domain/random.js';
import { monthOf } from '../compliance/window.js';
import { strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import { complianceReport } from '../compliance/report.js';
import type { ServiceContext } from '../context.js';
import { createCustomer } from '../customers/create.js';
import { createImprovement } from '../improvements/create.js';
import { reviewImprovement } from '../improvements/review.js';
import { updateImprovement } from '../improvements/update.js';
import { parseInput } from '../parse-input.js';
import { importTickets } from '../tickets/import.js';
import { DAY } from '../../domain/duration.js';

export const DemoInput = strictObject({
  days: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 400,
      description: 'how many days back from now (92: a quarter)',
    }),
  ),
  ticketsPerDay: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000 })),
  seed: Type.Optional(Type.Integer({ minimum: 0 })),
  /** Minutes between metric samples; 0 writes no metrics. */
  metricStepMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 1440 })),
});

/** Where demo metrics go: the metrics pipeline, as line protocol with second precision. */
export type MetricSink = (lineProtocol: Buffer) => Promise<number>;

/**
 * Fills an empty installation with a generated, realistic stretch of service (a quarter by
 * default): customers, tickets with their histories, metrics with incidents, and an
 * improvement plan answering the breaches. Through the same verbs the API uses.
 */
export async function fillDemo({
  ctx,
  input,
  metrics,
}: {
  ctx: ServiceContext;
  input: unknown;
  metrics?: MetricSink | undefined;
}) {
  requireRole(ctx.caller, ['admin'], 'filling a demo');
  const q = parseInput(DemoInput, input, 'invalid demo request');
  const days = q.days ?? 92;
  const existing = await ctx.store.tickets.list({ order: 'newest', limit: 1, offset: 0 });
  if (existing.total > 0)
    throw new SuretyError(
      'conflict',
      `this database already has ${existing.total} tickets; the demo fills a fresh data dir (try --data-dir ./demo-data)`,
    );
  const now = ctx.time.now();
  const r = seeded(q.seed ?? 7);

  for (const c of DEMO_CUSTOMERS) {
    if (await ctx.store.customers.get(c.id)) continue;
    await createCustomer({
      ctx,
      input: {
        id: c.id,
        name: c.name,
        monthlyFee: c.monthlyFee,
        ...(ctx.policy.plans.has(c.plan) ? { plan: c.plan } : {}),
      },
    });
  }
  const tickets = demoTickets(r, now, days, q.ticketsPerDay ?? 40);
  for (let i = 0; i < tickets.length; i += 5_000)
    await importTickets({ ctx, input: { tickets: tickets.slice(i, i + 5_000) } });

  let points = 0;
  const step = q.metricStepMinutes ?? 5;
  if (metrics && step > 0)
    for (const chunk of demoMetrics(r, now - days * DAY, now, step * 60_000))
      points += await metrics(chunk);

  const improvements = await demoImprovements(ctx, now);
  return {
    customers: DEMO_CUSTOMERS.length,
    tickets: tickets.length,
    points,
    improvements,
    from: new Date(now - days * DAY).toISOString(),
    to: new Date(now).toISOString(),
  };
}

/** A plan item for each breached commitment of last month and this one, linked to its first breaches. */
async function demoImprovements(ctx: ServiceContext, now: number): Promise<number> {
  const zone = ctx.policy.timezone;
  const thisMonth = monthOf(now, zone);
  const lastMonth = monthOf(Date.parse(`${thisMonth}-01T00:00:00Z`) - DAY, zone);
  const owners = [
    'Li Wei (support lead)',
    'Zhang Min (operations)',
    'Chen Jing (quality)',
    'Wang Fang (engineering)',
  ];
  const actions: Record<string, string> = {
    'C-01': 'Second responder on the phone queue at peak hours',
    'C-02': 'On-call rota for urgent problems, paged at 75 % of the clock',
    'C-03': 'Daily review of general problems older than 12 h',
    'C-04': 'Template for staged solutions of complex problems',
    'C-09': 'Call back every customer who rated 3 or less',
    'C-10': 'No closing without a confirmed resolution',
    'C-11': 'Root-cause review of every complaint within a week',
    'C-12': 'Monthly triage of pending suggestions',
  };
  let n = 0;
  for (const month of [lastMonth, thisMonth]) {
    const report = await complianceReport({ ctx, input: { month } });
    for (const [i, e] of report.commitments
      .filter((x) => x.status === 'breached' && actions[x.commitment])
      .entries()) {
      const due = new Date(Date.parse(`${month}-01T00:00:00Z`) + (40 + i * 5) * DAY)
        .toISOString()
        .slice(0, 10);
      const item = await createImprovement({
        ctx,
        input: {
          month,
          title: actions[e.commitment]!,
          owner: owners[i % owners.length]!,
          dueDate: due,
          links: e.evidence
            .slice(0, 3)
            .map((x) => ({ commitment: e.commitment, ticket: x.ticket })),
        },
      });
      n++;
      if (month === lastMonth) {
        await updateImprovement({
          ctx,
          input: { id: item.id, changes: { status: i % 3 === 2 ? 'in_progress' : 'done' } },
        });
        const quarter = `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5)) / 3)}`;
        if (i % 2 === 0)
          await reviewImprovement({
            ctx,
            input: {
              id: item.id,
              review: {
                quarter,
                effect: i % 4 === 0 ? 'effective' : 'partly_effective',
                note: 'fewer breaches since the change',
              },
            },
          });
      }
    }
  }
  return n;
}
