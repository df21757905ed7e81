import { type Instant, type TimeSource } from '../../domain/time.js';
import type { HealthCheckSuite } from '../../policy/availability-policy.js';
import { runCheck, type CheckerSet } from '../../sources/probes/checker.js';
import type { Monitor } from '../../policy/monitors/monitor.js';
import type { CheckupRun } from '../store/index.js';
import { monitorOf } from '../monitors/catalog.js';
import type { Store } from '../store/index.js';
import { recordRun } from './record-run.js';

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
