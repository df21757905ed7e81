import { toIso, type Instant } from '../../domain/time.js';
import type { Policy } from '../../policy/policy.js';
import { settleService } from '../monitors/settle-service.js';
import type { Signal, Store } from '../store/index.js';

/** Notes that an agent reported in; an agent back from silence ends its silence (and says so). */
export async function seen(
  tx: Store,
  policy: Policy,
  location: string,
  now: Instant,
  version: string | null,
): Promise<Signal[]> {
  const a = await tx.agents.get(location);
  await tx.agents.save({
    location,
    firstSeenAt: a?.firstSeenAt ?? now,
    lastSeenAt: now,
    silentSince: null,
    version: version ?? a?.version ?? null,
  });
  if (!a || a.silentSince === null) return [];
  await tx.agents.closeSilence(location, now);
  const out = await tx.signals.append([
    {
      at: now,
      recordedAt: now,
      type: 'agent.back',
      subjectType: 'agent',
      subjectId: location,
      commitment: null,
      customer: null,
      data: { silentSince: toIso(a.silentSince), silentMs: now - a.silentSince },
      dedupeKey: `agent:${location}:back:${now}`,
    },
  ]);
  for (const service of await servicesAt(tx, location))
    out.push(...(await settleService(tx, policy, service, now, now)));
  return out;
}

export async function servicesAt(tx: Store, location: string): Promise<string[]> {
  return [
    ...new Set(
      (await tx.monitors.list())
        .filter((m) => m.locations.includes(location))
        .map((m) => m.service),
    ),
  ];
}
