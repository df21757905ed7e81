import { DAY, MINUTE } from '../../domain/duration.js';
import type { Customer } from '../../domain/customer.js';
import type { Threshold } from '../../domain/target.js';
import { toIso, type Instant } from '../../domain/time.js';
import { evaluateIncidentClocks } from '../../evaluate/availability/incident-clocks.js';
import { type Interval, totalLength } from '../../evaluate/availability/intervals.js';
import type { MaintenanceWindow } from '../../policy/maintenance-window.js';
import { maintenanceIntervals } from '../../evaluate/availability/maintenance.js';
import { parseMaintenance } from '../../policy/maintenance-parse.js';
import { meanTimes } from '../../evaluate/availability/mean-times.js';
import {
  defaultQuorum,
  serviceDown,
  type LocationView,
} from '../../evaluate/availability/quorum.js';
import {
  availability,
  type Availability,
  type AvailabilityTargets,
} from '../../evaluate/availability/uptime.js';
import { effectiveTarget } from '../../policy/effective-target.js';
import { formatTarget } from '../../policy/format-target.js';
import type { AggregateCommitment, IncidentClockCommitment, Policy } from '../../policy/policy.js';
import type { Store } from '../store/index.js';

const LOCAL = 'local';

/**
 * A service's availability over a window, from what is stored: every location's downtime of
 * every monitor of the service, the agents' silences, the quorum, and the maintenance windows.
 * A window still running is measured up to `now`; its error budget is the whole window's.
 */
export interface AvailabilityWindow {
  readonly from: Instant;
  readonly to: Instant;
  /** A calendar month: C-06's "per month" applies as written; other ranges pro-rate it. */
  readonly isMonth: boolean;
}

const DEFAULT_TARGETS: AvailabilityTargets = {
  uptimePercent: 99.9,
  maxUnplannedDowntimeMs: 30 * MINUTE,
};
const minutes = (ms: number) => Math.round((ms / MINUTE) * 1000) / 1000;

export function availabilityTargets(
  policy: Policy,
  customer: Customer | undefined,
  window: AvailabilityWindow,
): AvailabilityTargets & { uptimeText: string; downtimeText: string } {
  const uptime = policy.commitments.find(
    (c): c is AggregateCommitment => c.type === 'aggregate' && c.measure === 'uptime',
  );
  const downtime = policy.commitments.find(
    (c): c is AggregateCommitment => c.type === 'aggregate' && c.measure === 'unplanned_downtime',
  );
  const u = uptime ? (effectiveTarget(policy, uptime, customer) as Threshold) : undefined;
  const d = downtime ? (effectiveTarget(policy, downtime, customer) as Threshold) : undefined;
  const perMonth = d?.value ?? DEFAULT_TARGETS.maxUnplannedDowntimeMs;
  const maxUnplannedDowntimeMs = window.isMonth
    ? perMonth
    : Math.floor((perMonth * (window.to - window.from)) / (30 * DAY));
  return {
    uptimePercent: u?.value ?? DEFAULT_TARGETS.uptimePercent,
    maxUnplannedDowntimeMs,
    uptimeText: uptime ? formatTarget(uptime, u) : '>= 99.9%',
    downtimeText: downtime ? formatTarget(downtime, d) : '<= 30m',
  };
}

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

export async function serviceAvailability(
  store: Store,
  policy: Policy,
  service: string,
  customerId: string | null,
  window: AvailabilityWindow,
  now: Instant,
) {
  const customer = customerId === null ? undefined : await store.customers.get(customerId);
  const targets = availabilityTargets(policy, customer, window);
  const end = Math.max(window.from, Math.min(window.to, now));
  const s = await serviceIntervals(store, policy, service, window.from, end);
  const down = s.view?.down ?? [];
  const unknown = s.view?.unknown ?? [{ from: window.from, to: end }];
  const sofar = availability({
    window: { from: window.from, to: end },
    down,
    maintenance: s.maintenance,
    unknown,
    targets,
  });
  // The budget is the whole window's: maintenance still ahead is planned time too.
  const ahead = await maintenanceOf(store, policy, service, { from: end, to: window.to });
  const whole = availability({
    window: { from: window.from, to: window.to },
    down,
    maintenance: [...s.maintenance, ...ahead],
    unknown,
    targets,
  });
  const incidents = await store.incidents.overlapping(window.from, window.to, { service });
  const means = meanTimes(incidents, { from: window.from, to: window.to });
  const status =
    end === window.from ? 'no_data' : sofar.uptime.met && sofar.downtime.met ? 'met' : 'breached';
  return {
    service,
    customer: customerId,
    monitors: s.monitors.length,
    locations: s.locations,
    quorum: s.quorum,
    measuredUntil: toIso(end),
    status,
    uptimePercent:
      sofar.uptime.valuePercent === null
        ? null
        : Math.round(sofar.uptime.valuePercent * 10_000) / 10_000,
    unplannedDowntimeMs: sofar.unplannedDowntimeMs,
    unplannedDowntimeMinutes: minutes(sofar.unplannedDowntimeMs),
    plannedDowntimeMinutes: minutes(sofar.plannedDowntimeMs),
    maintenanceMinutes: minutes(sofar.maintenanceMs),
    unmonitoredMinutes: minutes(sofar.unmonitoredMs),
    degradedMinutes: minutes(totalLength(s.view?.degraded ?? [])),
    uptime: {
      target: targets.uptimeText,
      targetPercent: targets.uptimePercent,
      valuePercent: sofar.uptime.valuePercent,
      met: sofar.uptime.met,
    },
    downtime: {
      target: targets.downtimeText,
      targetMinutes: minutes(targets.maxUnplannedDowntimeMs),
      valueMinutes: minutes(sofar.unplannedDowntimeMs),
      met: sofar.downtime.met,
    },
    budget: budgetView(whole),
    outages: [
      ...sofar.unplanned.map((i) => ({
        from: toIso(i.from),
        to: toIso(i.to),
        minutes: minutes(i.to - i.from),
        planned: false,
      })),
      ...sofar.planned.map((i) => ({
        from: toIso(i.from),
        to: toIso(i.to),
        minutes: minutes(i.to - i.from),
        planned: true,
      })),
    ].sort((a, b) => a.from.localeCompare(b.from)),
    locationOnly: (s.view?.locationOnly ?? [])
      .filter((l) => l.intervals.length > 0)
      .map((l) => ({
        location: l.location,
        minutes: minutes(totalLength(l.intervals)),
        spans: l.intervals.map((i) => ({ from: toIso(i.from), to: toIso(i.to) })),
      })),
    incidents: incidents.length,
    mtta: {
      count: means.mtta.count,
      meanMinutes: means.mtta.meanMs === null ? null : minutes(means.mtta.meanMs),
    },
    mttr: {
      count: means.mttr.count,
      meanMinutes: means.mttr.meanMs === null ? null : minutes(means.mttr.meanMs),
    },
    unacknowledged: means.unacknowledged,
    unresolved: means.unresolved,
  };
}
export type ServiceAvailability = Awaited<ReturnType<typeof serviceAvailability>>;

function budgetView(a: Availability) {
  return {
    allowedMinutes: minutes(a.budget.allowedMs),
    usedMinutes: minutes(a.budget.usedMs),
    remainingMinutes: minutes(a.budget.remainingMs),
    consumedPercent:
      a.budget.consumed === null ? null : Math.round(a.budget.consumed * 100_000) / 1000,
    limitedBy: a.budget.limitedBy,
    status: a.budget.status,
  };
}

/** The services a report covers: those with monitors in the window, the customer's own if scoped. */
export async function servicesIn(
  store: Store,
  window: AvailabilityWindow,
  customer: string | undefined,
): Promise<Array<{ service: string; customer: string | null }>> {
  const rows = (
    await store.monitors.list({
      includeRemoved: true,
      ...(customer !== undefined ? { customer } : {}),
    })
  ).filter((m) => m.createdAt < window.to && (m.removedAt === null || m.removedAt > window.from));
  const out = new Map<string, string | null>();
  for (const r of rows)
    if (!out.has(r.service) || r.customer !== null) out.set(r.service, r.customer);
  return [...out]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([service, c]) => ({ service, customer: c }));
}

/** An incident-clock commitment over the window: the share of its clocks settled in it that were met. */
export async function incidentClockOutcome(
  store: Store,
  policy: Policy,
  c: IncidentClockCommitment,
  window: AvailabilityWindow,
  customer: string | undefined,
  now: Instant,
) {
  const incidents = await store.incidents.overlapping(
    window.from,
    window.to,
    customer !== undefined ? { customer } : {},
  );
  const settled: Array<{
    incident: number;
    service: string;
    customer: string | null;
    dueAt: string | null;
    breachedAt: string | null;
  }> = [];
  let met = 0;
  for (const i of incidents) {
    const terms = i.customer === null ? undefined : await store.customers.get(i.customer);
    const clock = evaluateIncidentClocks(policy, i, terms, now).find((k) => k.commitment === c.id);
    if (!clock) continue;
    const inWindow = (t: Instant | null) => t !== null && t >= window.from && t < window.to;
    if (inWindow(clock.breachedAt))
      settled.push({
        incident: i.id,
        service: i.service,
        customer: i.customer,
        dueAt: clock.dueAt === null ? null : toIso(clock.dueAt),
        breachedAt: toIso(clock.breachedAt!),
      });
    else if (clock.state === 'met' && inWindow(clock.stoppedAt)) met++;
  }
  const sample = met + settled.length;
  const value = sample === 0 ? null : Math.round((met / sample) * 100_000) / 1000;
  return {
    value,
    met: sample === 0 ? null : met / sample >= c.attainment - 1e-12,
    breaches: settled.length,
    sample,
    incidents: settled,
  };
}
