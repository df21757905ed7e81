import { DateTime } from 'luxon';
import { DAY, MINUTE } from '../../domain/duration.js';
import { toIso, type Instant, type TimeSource } from '../../domain/time.js';
import { occurrences } from '../../evaluate/availability/maintenance.js';
import { firstReach } from '../../evaluate/availability/local-time.js';
import type { HealthCheckSuite } from '../../policy/availability-policy.js';
import type { Policy } from '../../policy/policy.js';
import { type CheckerSet } from '../../sources/probes/checker.js';
import type { LoadRunner } from '../../sources/probes/load-runner.js';
import type { Signal, Store } from '../store/index.js';
import { recordRun } from './record-run.js';
import { runHealthSuite } from './health-suite.js';
import { runStressTest } from './stress-test.js';

const HEALTH_GRACE = 15 * MINUTE;

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
