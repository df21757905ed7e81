import type { BreachEvidence, UptimeEvidence } from '../../consequences/credits/ledger.js';
import type { TimeSource } from '../../domain/time.js';
import { evaluateIncidentClocks } from '../../evaluate/availability/incident-clocks.js';
import type { Policy } from '../../policy/policy.js';
import type { AvailabilityCreditFacts } from '../credits/availability-credit-facts.js';
import { serviceAvailability } from '../compliance/service-availability.js';
import { servicesIn } from '../compliance/services-in.js';
import type { Store } from '../store/index.js';

/**
 * The availability stage's answer to the credit ledger's questions. An incident or a service
 * that counts for no one customer (shared) counts for every customer: each of them felt it.
 * A customer's uptime for a month is its worst service's, over its own services and the shared
 * ones; the incidents behind it are those of the services below 100 %.
 */
export function availabilityCreditFacts(
  store: Store,
  policy: Policy,
  time: TimeSource,
): AvailabilityCreditFacts {
  const customersFor = async (owner: string | null, only: string | undefined) =>
    owner !== null
      ? only === undefined || only === owner
        ? [owner]
        : []
      : (await store.customers.list())
          .map((c) => c.id)
          .filter((id) => only === undefined || id === only);

  return {
    async incidentBreaches(window, customer) {
      const now = time.now();
      const out: BreachEvidence[] = [];
      for (const i of await store.incidents.overlapping(window.from, window.to)) {
        const targets = await customersFor(i.customer, customer);
        for (const c of targets) {
          const terms = await store.customers.get(c);
          for (const clock of evaluateIncidentClocks(policy, { ...i, customer: c }, terms, now)) {
            if (
              clock.breachedAt === null ||
              clock.breachedAt < window.from ||
              clock.breachedAt >= window.to
            )
              continue;
            out.push({
              commitment: clock.commitment,
              subjectType: 'incident',
              subjectId: String(i.id),
              customer: c,
              dueAt: clock.dueAt,
              breachedAt: clock.breachedAt,
              stoppedAt: clock.stoppedAt,
            });
          }
        }
      }
      return out;
    },

    async monthlyUptime(_month, window, customer) {
      const w = { from: window.from, to: window.to, isMonth: true };
      const services = await servicesIn(store, w, undefined);
      const per = new Map<string, { uptime: number | null; incidents: Set<string> }>();
      const customers = (await store.customers.list())
        .map((c) => c.id)
        .filter((id) => customer === undefined || id === customer);
      for (const c of customers) per.set(c, { uptime: null, incidents: new Set() });
      for (const s of services) {
        const owners = s.customer === null ? customers : customers.filter((c) => c === s.customer);
        for (const c of owners) {
          const a = await serviceAvailability(store, policy, s.service, c, w, time.now());
          if (a.uptimePercent === null) continue;
          const entry = per.get(c)!;
          entry.uptime =
            entry.uptime === null ? a.uptimePercent : Math.min(entry.uptime, a.uptimePercent);
          if (a.unplannedDowntimeMs > 0)
            for (const i of await store.incidents.overlapping(window.from, window.to, {
              service: s.service,
            }))
              entry.incidents.add(String(i.id));
        }
      }
      return [...per].map(([c, e]): UptimeEvidence => ({
        customer: c,
        uptimePercent: e.uptime,
        incidents: [...e.incidents].sort(),
      }));
    },
  };
}
