import { MINUTE } from '../../domain/duration.js';
import { toIso, type Instant } from '../../domain/time.js';
import { totalLength } from '../../evaluate/availability/intervals.js';
import { meanTimes } from '../../evaluate/availability/mean-times.js';
import { availability, type Availability } from '../../evaluate/availability/uptime.js';
import type { Policy } from '../../policy/policy.js';
import type { Store } from '../store/index.js';
import { AvailabilityWindow, availabilityTargets } from './availability.js';
import { serviceIntervals, maintenanceOf } from './service-intervals.js';

const minutes = (ms: number) => Math.round((ms / MINUTE) * 1000) / 1000;

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
