import { toIso, type Instant } from '../../domain/time.js';
import { evaluateIncidentClocks } from '../../evaluate/availability/incident-clocks.js';
import type { IncidentClockCommitment, Policy } from '../../policy/policy.js';
import type { Store } from '../store/index.js';
import { AvailabilityWindow } from './availability.js';

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
