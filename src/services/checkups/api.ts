import { Type } from 'typebox';
import { SuretyError, notFound } from '../../domain/errors.js';
import { toIso } from '../../domain/time.js';
import type { CheckerSet } from '../../sources/probes/checker.js';
import { strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';
import { pastOrNow } from '../tickets/timestamps.js';
import type { LoadRunner } from '../../sources/probes/load-runner.js';
import { judgeStress, recordRun, runHealthSuite, runStressTest, runView } from './runs.js';

export async function listHealthChecks({ ctx }: { ctx: ServiceContext }) {
  requireRole(ctx.caller, ['admin', 'agent'], 'reading health checks');
  const suites = [];
  for (const s of ctx.policy.availability.healthChecks) {
    const runs = await ctx.store.checkups.list({ kind: 'health', name: s.id, limit: 10 });
    suites.push({
      id: s.id,
      name: s.name,
      monitors: s.monitors ?? 'all',
      at: s.at.map(
        (m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`,
      ),
      last: runs[0] ? runView(runs[0]) : null,
      recent: runs.map(runView),
    });
  }
  return { timezone: ctx.policy.timezone, suites };
}

export async function getCheckupRun({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: number };
}) {
  requireRole(ctx.caller, ['admin', 'agent'], 'reading a run');
  const r = await ctx.store.checkups.get(input.id);
  if (!r) throw notFound(`there is no run ${input.id}`);
  return runView(r);
}

export async function runHealthCheckNow({
  ctx,
  checkers,
  input,
}: {
  ctx: ServiceContext;
  checkers: CheckerSet;
  input: { id: string };
}) {
  requireRole(ctx.caller, ['admin', 'agent'], 'running a health check');
  const suite = ctx.policy.availability.healthChecks.find((s) => s.id === input.id);
  if (!suite)
    throw notFound(
      `there is no health-check suite "${input.id}"; the policy declares ${ctx.policy.availability.healthChecks.map((s) => s.id).join(', ') || 'none'}`,
    );
  return runView((await runHealthSuite(ctx.store, ctx.time, checkers, suite, 'manual', null)).run);
}

export async function listStressTests({ ctx }: { ctx: ServiceContext }) {
  requireRole(ctx.caller, ['admin', 'agent'], 'reading stress tests');
  const tests = [];
  for (const s of ctx.policy.availability.stressTests) {
    const runs = await ctx.store.checkups.list({ kind: 'stress', name: s.id, limit: 10 });
    const last = runs.find((r) => r.status !== 'missed');
    tests.push({
      id: s.id,
      name: s.name,
      every: s.every,
      target: s.target ?? null,
      mode: s.target ? 'built-in' : 'external',
      limits: {
        requests: s.requests,
        concurrency: s.concurrency,
        maxDurationMs: s.maxDurationMs,
        maxP99Ms: s.maxP99Ms ?? null,
        maxErrorRatePercent: s.maxErrorRatePercent ?? null,
      },
      status: runs[0]?.status ?? 'never_run',
      lastRun: last ? runView(last) : null,
      recent: runs.map(runView),
    });
  }
  return { stressTests: tests };
}

function specOf(ctx: ServiceContext, id: string) {
  const spec = ctx.policy.availability.stressTests.find((s) => s.id === id);
  if (!spec)
    throw notFound(
      `there is no stress test "${id}"; the policy declares ${ctx.policy.availability.stressTests.map((s) => s.id).join(', ') || 'none'}`,
    );
  return spec;
}

export async function runStressTestNow({
  ctx,
  runLoad,
  input,
}: {
  ctx: ServiceContext;
  runLoad: LoadRunner;
  input: { id: string };
}) {
  requireRole(ctx.caller, ['admin'], 'running a stress test');
  const spec = specOf(ctx, input.id);
  if (!spec.target)
    throw new SuretyError(
      'conflict',
      `stress test "${spec.id}" has no target in the policy, so Surety cannot run it; post the result of the external run instead`,
    );
  return runView((await runStressTest(ctx.store, ctx.time, runLoad, spec, 'manual', null)).run);
}

export const StressResultInput = strictObject({
  startedAt: Type.String({ description: 'when the run started (RFC 3339)' }),
  finishedAt: Type.Optional(Type.String()),
  requests: Type.Integer({ minimum: 0 }),
  errors: Type.Integer({ minimum: 0 }),
  p50Ms: Type.Optional(Type.Number({ minimum: 0 })),
  p99Ms: Type.Optional(Type.Number({ minimum: 0 })),
  passed: Type.Optional(
    Type.Boolean({ description: "the tool's own verdict; the test's limits are applied too" }),
  ),
  tool: Type.Optional(Type.String({ maxLength: 200 })),
  notes: Type.Optional(Type.String({ maxLength: 10_000 })),
});

/** The result of a stress run made by an external tool (k6, JMeter, wrk …). */
export async function recordStressResult({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string; body: unknown };
}) {
  requireRole(ctx.caller, ['admin', 'agent'], 'recording a stress test');
  const spec = specOf(ctx, input.id);
  const b = parseInput(StressResultInput, input.body, 'invalid stress result');
  const now = ctx.time.now();
  const startedAt = pastOrNow(b.startedAt, now, 'startedAt');
  const finishedAt = pastOrNow(b.finishedAt, now, 'finishedAt');
  if (finishedAt < startedAt)
    throw new SuretyError('invalid_input', 'invalid stress result: finishedAt: before startedAt', [
      { path: '/finishedAt', message: 'before startedAt' },
    ]);
  const errorRatePercent =
    b.requests === 0 ? 100 : Math.round((b.errors / b.requests) * 100_000) / 1000;
  const verdict = judgeStress(
    spec,
    { errorRatePercent, latencyMs: b.p99Ms === undefined ? null : { p99: b.p99Ms } },
    b.passed,
  );
  if (b.requests === 0) verdict.reasons.push('no requests were made');
  const passed = verdict.passed && b.requests > 0;
  const report = {
    requests: b.requests,
    errors: b.errors,
    errorRatePercent,
    latencyMs: {
      ...(b.p50Ms !== undefined ? { p50: b.p50Ms } : {}),
      ...(b.p99Ms !== undefined ? { p99: b.p99Ms } : {}),
    },
    tool: b.tool ?? null,
    notes: b.notes ?? null,
    reasons: verdict.reasons,
    summary: `${b.requests} requests, ${errorRatePercent}% errors${b.p99Ms !== undefined ? `, p99 ${b.p99Ms}ms` : ''} (${b.tool ?? 'external tool'}, ${toIso(startedAt)})${verdict.reasons.length ? `: ${verdict.reasons.join('; ')}` : ''}`,
  };
  return runView(
    (
      await recordRun(
        ctx.store,
        {
          kind: 'stress',
          name: spec.id,
          scheduledAt: null,
          startedAt,
          finishedAt,
          status: passed ? 'passed' : 'failed',
          source: 'external',
          report,
        },
        now,
      )
    ).run,
  );
}
