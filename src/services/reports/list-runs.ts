import { Type } from 'typebox';
import { notFound, conflict } from '../../domain/errors.js';
import { toIso } from '../../domain/time.js';
import { strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';
import type { ReportRun } from '../store/index.js';

export const ListReportRunsInput = strictObject({
  schedule: Type.Optional(
    Type.String({ minLength: 1, description: "one schedule of the policy's reports section" }),
  ),
  limit: Type.Optional(
    Type.String({
      pattern: '^[0-9]{1,3}$',
      description: 'how many runs, newest first (50 by default)',
    }),
  ),
});

const iso = (t: number | null) => (t === null ? null : toIso(t));

/** The runs of scheduled reports, newest first: generated or failed (why, when it is tried again), and each recipient's delivery. Staff only. */
export async function listReportRuns({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx.caller, ['admin', 'agent', 'auditor'], 'reading scheduled report runs');
  const q = parseInput(ListReportRunsInput, input, 'invalid report run query');
  const runs = await ctx.store.reportSchedules.list({
    schedule: q.schedule,
    limit: Math.min(Number(q.limit ?? 50), 500),
  });
  return {
    schedules: [...ctx.policy.reports.schedules.values()].map((s) => ({
      name: s.name,
      report: s.kind,
      at: `${String(Math.floor(s.atMinutes / 60)).padStart(2, '0')}:${String(s.atMinutes % 60).padStart(2, '0')}`,
      timezone: ctx.policy.timezone,
      language: s.language,
      format: s.format,
      customer: s.customer ?? null,
      to: s.to.map((r) => `${r.kind}:${r.id}`),
    })),
    runs: await Promise.all(runs.map((r) => runView(ctx, r))),
  };
}

async function runView(ctx: ServiceContext, r: ReportRun) {
  const notifications = (
    await Promise.all(r.notifications.map((id) => ctx.store.notifications.get(id)))
  ).filter((n) => n !== undefined);
  const deliveries = r.recipients.map((recipient, i) => {
    const n = notifications.find((x) => x.id === r.notifications[i]);
    return {
      to: recipient.target,
      name: recipient.name,
      notification: n?.id ?? null,
      status: n?.status ?? 'missing',
      deliveredAt: iso(n?.deliveredAt ?? null),
      deliveredVia: n?.deliveredVia ?? null,
      attempts: n?.totalAttempts ?? 0,
      lastError: n?.lastError ?? null,
    };
  });
  const delivery =
    r.status !== 'queued'
      ? null
      : deliveries.every((d) => d.status === 'delivered')
        ? 'delivered'
        : deliveries.some((d) => d.status === 'failed')
          ? 'failed'
          : 'delivering';
  return {
    schedule: r.schedule,
    period: r.period,
    report: r.kind,
    status: r.status,
    delivery,
    dueAt: toIso(r.dueAt),
    generatedAt: iso(r.generatedAt),
    attempts: r.attempts,
    error: r.error,
    nextAttemptAt: iso(r.nextAttemptAt),
    file:
      r.fileName === null ? null : { name: r.fileName, contentType: r.contentType, bytes: r.size },
    deliveries,
  };
}

/** Tries a failed generation again now (after its automatic attempts ran out, or sooner). Admin only. */
export async function retryReportRun({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { schedule: string; period: string };
}) {
  requireRole(ctx.caller, ['admin'], 'retrying a scheduled report');
  const run = await ctx.store.reportSchedules.get(input.schedule, input.period);
  if (!run) throw notFound(`no run of the schedule "${input.schedule}" for ${input.period}`);
  if (run.status !== 'failed')
    throw conflict(
      `the run of "${input.schedule}" for ${input.period} is ${run.status}, not failed; ${run.status === 'queued' ? 'its deliveries are retried by the outbox (POST /api/v1/notifications/{id}/retry for a failed one)' : 'it is being generated'}`,
    );
  const now = ctx.time.now();
  await ctx.store.reportSchedules.update(input.schedule, input.period, {
    attempts: 0,
    nextAttemptAt: now,
    updatedAt: now,
  });
  return runView(ctx, (await ctx.store.reportSchedules.get(input.schedule, input.period))!);
}
