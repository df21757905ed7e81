import { type Instant } from '../../domain/time.js';
import { type Interval } from '../../evaluate/availability/intervals.js';
import type { MaintenanceWindow } from '../../policy/maintenance-window.js';
import { maintenanceIntervals } from '../../evaluate/availability/maintenance.js';
import { parseMaintenance } from '../../policy/maintenance-parse.js';
import {
  defaultQuorum,
  serviceDown,
  type LocationView,
} from '../../evaluate/availability/quorum.js';
import type { Policy } from '../../policy/policy.js';
import type { Store } from '../store/index.js';

const LOCAL = 'local';

/** The downtime, maintenance and coverage of a service, in intervals, over [from, end). */
export async function serviceIntervals(
  store: Store,
  policy: Policy,
  service: string,
  from: Instant,
  end: Instant,
) {
  const monitors = (await store.monitors.list({ service, includeRemoved: true })).filter(
    (m) => m.createdAt < end && (m.removedAt === null || m.removedAt > from),
  );
  const locations = [...new Set(monitors.flatMap((m) => m.locations))].sort();
  const downtimes = await store.downtimes.ofService(service, from, end);
  const silences = await store.agents.silences(locations, from, end);
  const firstWatched = Math.min(...monitors.map((m) => m.createdAt));
  // An agent location has no say before its agent first reported (or at all, if it never did),
  // so a location nobody runs does not outvote the ones that do.
  const agents = new Map((await store.agents.list()).map((a) => [a.location, a]));
  const notYet = (location: string) => {
    if (location === LOCAL) return [];
    const first = agents.get(location)?.firstSeenAt ?? end;
    return first > from ? [{ from, to: Math.min(first, end) }] : [];
  };
  const views: LocationView[] = locations.map((location) => ({
    location,
    monitors: monitors.map((m) =>
      downtimes
        .filter((d) => d.monitorId === m.id && d.location === location)
        .map((d) => ({ from: d.from, to: d.to ?? end })),
    ),
    unknown: [
      ...silences
        .filter((s) => s.location === location)
        .map((s) => ({ from: s.from, to: s.to ?? end })),
      ...(firstWatched > from ? [{ from, to: Math.min(firstWatched, end) }] : []),
      ...notYet(location),
    ],
  }));
  const maintenance = await maintenanceOf(store, policy, service, { from, to: end });
  if (views.length === 0) return { monitors, locations, quorum: 0, view: undefined, maintenance };
  const quorum = Math.min(policy.availability.quorum ?? defaultQuorum(views.length), views.length);
  return { monitors, locations, quorum, view: serviceDown(views, quorum), maintenance };
}

export async function maintenanceOf(
  store: Store,
  policy: Policy,
  service: string,
  range: Interval,
): Promise<Interval[]> {
  const windows: MaintenanceWindow[] = [];
  for (const r of await store.maintenance.list({ service, all: true })) {
    if (r.kind === 'once' && r.from !== null && r.to !== null)
      windows.push({ kind: 'once', from: r.from, to: r.to, declaredAt: r.declaredAt });
    if (r.kind === 'recurring' && r.spec) {
      const parsed = parseMaintenance(r.spec, policy.timezone);
      if (parsed.ok && parsed.window.kind === 'recurring')
        windows.push({
          ...parsed.window,
          declaredAt: r.declaredAt,
          ...(r.until !== null ? { until: r.until } : {}),
        });
    }
  }
  return maintenanceIntervals(windows, range);
}
