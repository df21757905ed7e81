import { Type } from 'typebox';
import { SuretyError } from '../../domain/errors.js';
import { toIso } from '../../domain/time.js';
import { strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';
import { pastOrNow } from '../tickets/timestamps.js';
import { judgeStress } from './stress-test.js';
import { recordRun } from './record-run.js';
import { runView } from './run-view.js';
import { specOf } from './stress-spec.js';

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
