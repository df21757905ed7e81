import { DateTime } from 'luxon';
import { DAY } from '../../domain/duration.js';
import { toIso, type Instant, type TimeSource } from '../../domain/time.js';
import { occurrences } from '../../evaluate/availability/maintenance.js';
import { firstReach } from '../../evaluate/availability/local-time.js';
import type { HealthCheckSuite, StressTestSpec } from '../../policy/availability-policy.js';
import type { Policy } from '../../policy/policy.js';
import { runCheck, type CheckerSet } from '../../sources/probes/checker.js';
import type { LoadResult, LoadRunner } from '../../sources/probes/load-runner.js';
import type { Monitor } from '../../policy/monitors/monitor.js';
import type { CheckupRun, Signal, Store } from '../store/index.js';
import { monitorOf } from '../monitors/catalog.js';

/**
 * Health-check suites (a set of monitors run together, three times a day by default, kept as a
 * report) and stress tests (a bounded load run, or a result an external tool posts), with the
 * runs they were due and missed.
 */

export async function recordRun(
  store: Store,
  run: Omit<CheckupRun, 'id'>,
  now: Instant,
): Promise<{ run: CheckupRun; signals: Signal[] }> {
  return store.transaction(async (tx) => {
    const id = await tx.checkups.insert(run);
    const type = `${run.kind === 'health' ? 'healthcheck' : 'stress'}.${run.status}`;
    const signals = await tx.signals.append([
      {
        at: run.status === 'missed' ? (run.scheduledAt ?? run.startedAt) : run.finishedAt,
        recordedAt: now,
        type,
        subjectType: run.kind === 'health' ? 'healthcheck' : 'stress-test',
        subjectId: run.name,
        commitment: null,
        customer: null,
        data: {
          run: id,
          source: run.source,
          ...(run.scheduledAt !== null ? { scheduledAt: toIso(run.scheduledAt) } : {}),
          summary: run.report.summary ?? null,
        },
        dedupeKey: `checkup:${id}`,
      },
    ]);
    return { run: { ...run, id }, signals };
  });
}

/** Runs every monitor of a suite once, together, and keeps the results as a report. */
export async function runHealthSuite(
  store: Store,
  time: TimeSource,
  checkers: CheckerSet,
  suite: HealthCheckSuite,
  source: CheckupRun['source'],
  scheduledAt: Instant | null,
) {
  const rows = await store.monitors.list();
  const wanted = suite.monitors ? new Set(suite.monitors) : undefined;
  const order = (id: string) => (suite.monitors ? suite.monitors.indexOf(id) : 0);
  const monitors = rows
    .filter((r) => !wanted || wanted.has(r.id))
    .sort((a, b) => order(a.id) - order(b.id))
    .map(monitorOf)
    .filter((m): m is Monitor => m !== undefined);
  const startedAt = time.now();
  const controller = new AbortController();
  const results = [];
  // A few at a time: a suite is a deep look, not a load test.
  for (let i = 0; i < monitors.length; i += 16) {
    const batch = monitors.slice(i, i + 16);
    results.push(
      ...(await Promise.all(
        batch.map(async (m) => ({
          monitor: m.id,
          service: m.service,
          ...(await runCheck(checkers, m, time.now(), controller.signal)),
        })),
      )),
    );
  }
  const failed = results.filter((r) => !r.ok);
  const missing = (suite.monitors ?? []).filter((id) => !monitors.some((m) => m.id === id));
  const status = failed.length === 0 && missing.length === 0 ? 'passed' : 'failed';
  const report = {
    suite: suite.id,
    name: suite.name,
    summary: `${results.length - failed.length} of ${results.length} checks passed${missing.length ? `; ${missing.length} monitor(s) missing: ${missing.join(', ')}` : ''}`,
    results: results.map((r) => ({
      monitor: r.monitor,
      service: r.service,
      ok: r.ok,
      latencyMs: r.latencyMs,
      ...(r.cause ? { cause: r.cause } : {}),
      ...(r.message ? { message: r.message } : {}),
      ...(r.warning ? { warning: r.warning.message } : {}),
    })),
    missing,
  };
  return recordRun(
    store,
    {
      kind: 'health',
      name: suite.id,
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

const HEALTH_GRACE = 15 * 60_000;

async function sinceOf(store: Store, key: string, now: Instant): Promise<Instant> {
  const stored = await store.meta.get(key);
  if (stored !== undefined) return Number(stored);
  await store.meta.set(key, String(now));
  return now;
}

/** The suite's slots in [from, to], in the policy's zone. */
export function healthSlots(
  suite: HealthCheckSuite,
  zone: string,
  from: Instant,
  to: Instant,
): Instant[] {
  const out: Instant[] = [];
  for (
    let day = DateTime.fromMillis(from, { zone }).startOf('day');
    day.toMillis() <= to;
    day = day.plus({ days: 1 })
  ) {
    for (const minute of suite.at) {
      const t = firstReach(day.year, day.month, day.day, minute, zone);
      if (t >= from && t <= to) out.push(t);
    }
  }
  return [...new Set(out)].sort((a, b) => a - b);
}

/** Runs what is due now and records what was due and did not run. */
export async function runDueCheckups(
  store: Store,
  policy: Policy,
  time: TimeSource,
  probes: { readonly checkers: CheckerSet; readonly runLoad: LoadRunner },
  now: Instant,
): Promise<Signal[]> {
  const out: Signal[] = [];
  for (const suite of policy.availability.healthChecks) {
    const since = await sinceOf(store, `checkup.health.${suite.id}.since`, now);
    const runs = await store.checkups.list({ kind: 'health', name: suite.id, limit: 100 });
    const done = new Set(runs.map((r) => r.scheduledAt));
    for (const slot of healthSlots(suite, policy.timezone, Math.max(since, now - 7 * DAY), now)) {
      if (done.has(slot)) continue;
      if (now - slot <= HEALTH_GRACE)
        out.push(
          ...(await runHealthSuite(store, time, probes.checkers, suite, 'scheduled', slot)).signals,
        );
      else
        out.push(
          ...(
            await recordRun(
              store,
              {
                kind: 'health',
                name: suite.id,
                scheduledAt: slot,
                startedAt: slot,
                finishedAt: slot,
                status: 'missed',
                source: 'scheduled',
                report: {
                  summary: `the ${toIso(slot)} health check did not run (the server was not running then)`,
                },
              },
              now,
            )
          ).signals,
        );
    }
  }
  for (const spec of policy.availability.stressTests) {
    const since = await sinceOf(store, `checkup.stress.${spec.id}.since`, now);
    const runs = await store.checkups.list({ kind: 'stress', name: spec.id, limit: 200 });
    const slots = occurrences(spec.window, { from: since - 8 * DAY, to: now + 8 * DAY });
    for (let k = 0; k < slots.length; k++) {
      const o = slots[k]!;
      const prevEnd = k > 0 ? slots[k - 1]!.to : o.from - 7 * DAY;
      const ran = runs.some(
        (r) => r.status !== 'missed' && r.startedAt > prevEnd && r.startedAt <= o.to,
      );
      if (
        o.to <= now &&
        o.to > since &&
        !ran &&
        !runs.some((r) => r.status === 'missed' && r.scheduledAt === o.to)
      ) {
        out.push(
          ...(
            await recordRun(
              store,
              {
                kind: 'stress',
                name: spec.id,
                scheduledAt: o.to,
                startedAt: o.to,
                finishedAt: o.to,
                status: 'missed',
                source: 'scheduled',
                report: { summary: `no stress test ran in the week up to ${toIso(o.to)}` },
              },
              now,
            )
          ).signals,
        );
      }
      if (spec.target && now >= o.from && now < o.to && !ran)
        out.push(
          ...(await runStressTest(store, time, probes.runLoad, spec, 'scheduled', o.from)).signals,
        );
    }
  }
  return out;
}

export function runView(r: CheckupRun) {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    status: r.status,
    source: r.source,
    scheduledAt: r.scheduledAt === null ? null : toIso(r.scheduledAt),
    startedAt: toIso(r.startedAt),
    finishedAt: toIso(r.finishedAt),
    report: r.report,
  };
}
