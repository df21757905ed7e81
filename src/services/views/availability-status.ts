import { DateTime } from 'luxon';
import { DAY } from '../../domain/duration.js';
import { toIso } from '../../domain/time.js';
import { clip, subtract, totalLength } from '../../evaluate/availability/intervals.js';
import { maintenanceOf, serviceIntervals } from '../compliance/service-intervals.js';
import type { ServiceContext } from '../context.js';
import { silentLocations, votes } from '../monitors/catalog.js';
import type { StatusGroup, StatusSource } from './status.js';

/**
 * The public status page from the availability stage: one group per shared service (a service
 * that counts for no one customer: the public must not learn who else is a customer), its state
 * now, its incidents of the last week with their timeline, maintenance in the coming week, and
 * 90 days of daily uptime in the policy's time zone. Null while nothing is monitored.
 */
export const availabilityStatus: StatusSource = async (ctx: ServiceContext) => {
  const monitors = (await ctx.store.monitors.list()).filter((m) => m.customer === null);
  if (monitors.length === 0) return null;
  const now = ctx.time.now();
  const silent = await silentLocations(ctx.store);
  const services = [...new Set(monitors.map((m) => m.service))].sort();
  const today = DateTime.fromMillis(now, { zone: ctx.policy.timezone }).startOf('day');
  const from = today.minus({ days: 89 }).toMillis();
  const groups: StatusGroup[] = [];
  for (const service of services) {
    const mine = monitors.filter((m) => m.service === service);
    const states = await ctx.store.monitorStates.list(mine.map((m) => m.id));
    const v = votes(mine, states, silent);
    const serviceState = (await ctx.store.serviceStates.get(service))?.state;
    const maintenanceNow =
      (await maintenanceOf(ctx.store, ctx.policy, service, { from: now, to: now + 1 })).length > 0;
    const state: StatusGroup['state'] = maintenanceNow
      ? 'maintenance'
      : serviceState === 'down'
        ? 'outage'
        : v.every((x) => !x.known)
          ? 'unknown'
          : v.some((x) => x.known && x.down)
            ? 'degraded'
            : 'operational';
    const incidents = (
      await ctx.store.incidents.overlapping(now - 7 * DAY, now + 1, { service })
    ).reverse();
    const ahead = await maintenanceOf(ctx.store, ctx.policy, service, {
      from: now,
      to: now + 7 * DAY,
    });
    const s = await serviceIntervals(ctx.store, ctx.policy, service, from, now);
    const down = subtract(s.view?.down ?? [], s.maintenance);
    const unknown = s.view?.unknown ?? [];
    const uptime90: Array<{ day: string; percent: number | null }> = [];
    for (let d = today.minus({ days: 89 }); d <= today; d = d.plus({ days: 1 })) {
      const day = { from: d.toMillis(), to: Math.min(d.plus({ days: 1 }).toMillis(), now) };
      const measured = day.to - day.from - totalLength(clip([...unknown, ...s.maintenance], day));
      uptime90.push({
        day: d.toISODate()!,
        percent:
          measured <= 0
            ? null
            : Math.round(((measured - totalLength(clip(down, day))) / measured) * 100_000) / 1000,
      });
    }
    groups.push({
      id: service,
      name: service,
      state,
      incidents: incidents.map((i) => ({
        id: String(i.id),
        title: i.title,
        state: i.state,
        startedAt: toIso(i.detectedAt),
        updates: i.events.map((e) => ({
          at: toIso(e.at),
          text: `${e.type}${e.note ? `: ${e.note}` : ''}`,
        })),
      })),
      maintenance: ahead.map((m) => ({
        title: 'planned maintenance',
        from: toIso(m.from),
        to: toIso(m.to),
      })),
      uptime90,
    });
  }
  return groups;
};
