import type { Commitment } from '../../policy/policy.js';
import { AGGREGATE_MEASURES } from '../../policy/measures.js';
import type { ServiceContext } from '../context.js';
import { incidentClockOutcome } from './incident-clock-outcome.js';
import { serviceAvailability, type ServiceAvailability } from './service-availability.js';
import { servicesIn } from './services-in.js';
import type { Window } from './window.js';

export type { ServiceAvailability };

/** Commitments measured from probes and incidents rather than tickets. */
export const AVAILABILITY_MEASURES = new Set([
  'uptime',
  'unplanned_downtime',
  'incident_engagement',
  'incident_mitigation',
  'incident_recovery',
]);

const isMonth = (w: Window) => /^\d{4}-\d{2}$/.test(w.label);

export async function availabilityEntries(
  ctx: ServiceContext,
  window: Window,
  customer: string | undefined,
): Promise<ServiceAvailability[]> {
  const w = { from: window.from, to: window.to, isMonth: isMonth(window) };
  const out: ServiceAvailability[] = [];
  for (const s of await servicesIn(ctx.store, w, customer))
    out.push(
      await serviceAvailability(ctx.store, ctx.policy, s.service, s.customer, w, ctx.time.now()),
    );
  return out;
}

/**
 * C-05 and C-06 over all the services in the report (met only if every service meets it; the
 * value is the worst service's), and the incident clocks (R-01 … R-03) as an attainment.
 */
export async function availabilityOutcome(
  ctx: ServiceContext,
  c: Commitment,
  window: Window,
  customer: string | undefined,
  services: readonly ServiceAvailability[],
) {
  const empty = { tickets: [], evidence: [], cancelled: 0, cancelledTickets: [] };
  if (c.type === 'incident-clock') {
    const o = await incidentClockOutcome(
      ctx.store,
      ctx.policy,
      c,
      { from: window.from, to: window.to, isMonth: isMonth(window) },
      customer,
      ctx.time.now(),
    );
    return {
      ...empty,
      unit: 'percent' as const,
      value: o.value,
      met: o.met,
      status:
        o.met === null ? ('no_data' as const) : o.met ? ('met' as const) : ('breached' as const),
      breaches: o.breaches,
      sample: o.sample,
      incidents: o.incidents,
    };
  }
  const uptime = c.measure === 'uptime';
  const rows = services
    .filter((s) => s.status !== 'no_data')
    .map((s) => ({
      service: s.service,
      customer: s.customer,
      value: uptime ? s.uptimePercent : s.unplannedDowntimeMs,
      met: uptime ? s.uptime.met : s.downtime.met,
    }));
  const unit = c.type === 'aggregate' ? AGGREGATE_MEASURES[c.measure].unit : 'percent';
  if (rows.length === 0)
    return {
      ...empty,
      unit,
      value: null,
      met: null,
      status: 'no_data' as const,
      breaches: 0,
      sample: 0,
      services: [],
    };
  const values = rows.map((r) => r.value).filter((v): v is number => v !== null);
  const value = values.length === 0 ? null : uptime ? Math.min(...values) : Math.max(...values);
  const breaches = rows.filter((r) => r.met === false).length;
  return {
    ...empty,
    unit,
    value,
    met: breaches === 0,
    status: breaches === 0 ? ('met' as const) : ('breached' as const),
    breaches,
    sample: rows.length,
    services: rows,
  };
}
