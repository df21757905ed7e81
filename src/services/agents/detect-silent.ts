import { toIso, type Instant } from '../../domain/time.js';
import type { Policy } from '../../policy/policy.js';
import { settleService } from '../monitors/settle-service.js';
import type { Signal, Store } from '../store/index.js';
import { servicesAt } from './seen.js';

/**
 * Agents not heard from for `agentSilentAfter` become silent: an alert about the agent, and
 * their location has no say (unknown) from its last report on, neither up nor down.
 */
export async function detectSilentAgents(
  store: Store,
  policy: Policy,
  now: Instant,
): Promise<Signal[]> {
  const limit = policy.availability.agentSilentAfterMs;
  const out: Signal[] = [];
  for (const a of await store.agents.list()) {
    if (a.silentSince !== null || now - a.lastSeenAt <= limit) continue;
    out.push(
      ...(await store.transaction(async (tx) => {
        const fresh = await tx.agents.get(a.location);
        if (!fresh || fresh.silentSince !== null || now - fresh.lastSeenAt <= limit) return [];
        await tx.agents.save({ ...fresh, silentSince: fresh.lastSeenAt });
        await tx.agents.openSilence(fresh.location, fresh.lastSeenAt);
        const signals = await tx.signals.append([
          {
            at: fresh.lastSeenAt + limit,
            recordedAt: now,
            type: 'agent.silent',
            subjectType: 'agent',
            subjectId: fresh.location,
            commitment: null,
            customer: null,
            data: {
              lastSeenAt: toIso(fresh.lastSeenAt),
              silentAfterMs: limit,
              note: 'the agent stopped reporting; its location has no say until it is back (not an outage of what it watches)',
            },
            dedupeKey: `agent:${fresh.location}:silent:${fresh.lastSeenAt}`,
          },
        ]);
        for (const service of await servicesAt(tx, fresh.location))
          signals.push(...(await settleService(tx, policy, service, now, now)));
        return signals;
      })),
    );
  }
  return out;
}
