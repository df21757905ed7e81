import { type Instant, type TimeSource } from '../../domain/time.js';
import type { StressTestSpec } from '../../policy/availability-policy.js';
import type { LoadResult, LoadRunner } from '../../sources/probes/load-runner.js';
import type { CheckupRun } from '../store/index.js';
import type { Store } from '../store/index.js';
import { recordRun } from './record-run.js';

/** Judges a load run against the test's limits; a run without limits passes when nothing failed. */
export function judgeStress(
  spec: StressTestSpec,
  r: Pick<LoadResult, 'errorRatePercent'> & { latencyMs: { p99: number } | null },
  claimed?: boolean,
): { passed: boolean; reasons: string[] } {
  const reasons: string[] = [];
  if (claimed === false) reasons.push('the tool reported the run as failed');
  if (
    spec.maxErrorRatePercent !== undefined
      ? r.errorRatePercent > spec.maxErrorRatePercent
      : r.errorRatePercent > 0
  )
    reasons.push(`error rate ${r.errorRatePercent}% over ${spec.maxErrorRatePercent ?? 0}%`);
  if (spec.maxP99Ms !== undefined && r.latencyMs !== null && r.latencyMs.p99 > spec.maxP99Ms)
    reasons.push(`p99 latency ${r.latencyMs.p99}ms over ${spec.maxP99Ms}ms`);
  return { passed: reasons.length === 0, reasons };
}

export async function runStressTest(
  store: Store,
  time: TimeSource,
  runLoad: LoadRunner,
  spec: StressTestSpec,
  source: CheckupRun['source'],
  scheduledAt: Instant | null,
) {
  if (!spec.target)
    throw new Error(`stress test ${spec.id} has no target; an external tool posts its results`);
  const startedAt = time.now();
  let report: Record<string, unknown>;
  let status: 'passed' | 'failed';
  try {
    const r = await runLoad({
      url: spec.target,
      requests: spec.requests,
      concurrency: spec.concurrency,
      maxDurationMs: spec.maxDurationMs,
    });
    const verdict = judgeStress(spec, r);
    status = verdict.passed ? 'passed' : 'failed';
    report = {
      target: spec.target,
      ...r,
      reasons: verdict.reasons,
      summary: `${r.requests} requests, ${r.errorRatePercent}% errors, p99 ${r.latencyMs.p99}ms${verdict.reasons.length ? `: ${verdict.reasons.join('; ')}` : ''}`,
    };
  } catch (err) {
    status = 'failed';
    report = {
      target: spec.target,
      summary: `the load run could not be made: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
  return recordRun(
    store,
    {
      kind: 'stress',
      name: spec.id,
      scheduledAt,
      startedAt,
      finishedAt: time.now(),
      status,
      source,
      report,
    },
    time.now(),
  );
}
