import type { Instant } from '../../domain/time.js';
import type { Policy } from '../../policy/policy.js';
import type { Signal, Store } from '../store/index.js';
import { refreshIncidentClocks } from './timeline.js';

/**
 * Records the warnings and breaches of open incidents' clocks as their thresholds pass. Open
 * incidents are few (one per failing service), so each sweep evaluates them all.
 */
export async function sweepIncidents(
  store: Store,
  policy: Policy,
  now: Instant,
): Promise<Signal[]> {
  const out: Signal[] = [];
  for (const incident of await store.incidents.active(now)) {
    out.push(
      ...(await store.transaction(
        async (tx) => (await refreshIncidentClocks(tx, policy, incident, now)).signals,
      )),
    );
  }
  return out;
}
