import { compileMonitor } from '../../policy/monitors/compile-monitor.js';
import type { Monitor } from '../../policy/monitors/monitor.js';
import {
  liveVerdict,
  type LocationVote,
  type Verdict,
} from '../../evaluate/availability/live-verdict.js';
import type { Policy } from '../../policy/policy.js';
import type { MonitorRow, MonitorStateRow, Store } from '../store/index.js';

/** Shared reads of the monitor catalogue: compiled monitors, votes per location, the live verdict. */

const compiled = new WeakMap<MonitorRow, Monitor | undefined>();

/** The stored definition compiled; undefined if it no longer compiles (it is then not run). */
export function monitorOf(row: MonitorRow): Monitor | undefined {
  if (!compiled.has(row)) {
    const c = compileMonitor(row.definition);
    compiled.set(row, c.ok ? c.monitor : undefined);
  }
  return compiled.get(row);
}

/** Locations whose agent is silent right now: they have no say. */
export async function silentLocations(store: Store): Promise<Set<string>> {
  return new Set(
    (await store.agents.list()).filter((a) => a.silentSince !== null).map((a) => a.location),
  );
}

/** One vote per location the monitors run at: down if any of them is down there. */
export function votes(
  monitors: readonly MonitorRow[],
  states: readonly MonitorStateRow[],
  silent: ReadonlySet<string>,
): LocationVote[] {
  const locations = [...new Set(monitors.flatMap((m) => m.locations))].sort();
  const ids = new Set(monitors.map((m) => m.id));
  return locations.map((location) => {
    const here = states.filter((s) => s.location === location && ids.has(s.monitorId));
    return {
      location,
      known: !silent.has(location) && here.some((s) => s.status !== 'pending'),
      down: here.some((s) => s.status === 'down'),
    };
  });
}

export function verdictOf(
  policy: Policy,
  monitors: readonly MonitorRow[],
  states: readonly MonitorStateRow[],
  silent: ReadonlySet<string>,
): Verdict {
  return liveVerdict(votes(monitors, states, silent), policy.availability.quorum);
}

/** The customer a service's figures count for: the one its monitors name (they all name the same). */
export async function customerOfService(store: Store, service: string): Promise<string | null> {
  const m = (await store.monitors.list({ service, includeRemoved: true })).find(
    (x) => x.customer !== null,
  );
  return m?.customer ?? null;
}
