import type { Instant } from '../../domain/time.js';
import type { Policy } from '../../policy/policy.js';
import type { Signal, Store } from '../store/index.js';
import { applyIncidentEvent, openIncident } from '../incidents/timeline.js';
import { customerOfService, silentLocations, verdictOf } from './catalog.js';

/**
 * Re-decides whether a service is down now, from every location's view of its monitors, and
 * acts on a change: the service's state, a `service.down`/`service.up` signal, and its
 * incident opened (quorum down) or resolved (recovered). Nothing is decided while no location
 * reports (an incident stays open until the service is seen up). Call inside a transaction.
 */
export async function settleService(
  tx: Store,
  policy: Policy,
  service: string,
  at: Instant,
  now: Instant,
  cause?: string,
): Promise<Signal[]> {
  const monitors = await tx.monitors.list({ service });
  const states = await tx.monitorStates.list(monitors.map((m) => m.id));
  const silent = await silentLocations(tx);
  const verdict = verdictOf(policy, monitors, states, silent);
  const previous = (await tx.serviceStates.get(service))?.state ?? 'up';
  if (verdict === 'unknown' || verdict === previous) return [];
  await tx.serviceStates.set(service, verdict, at);
  const customer = await customerOfService(tx, service);
  const locations = [
    ...new Set(
      states.filter((s) => s.status === 'down' && !silent.has(s.location)).map((s) => s.location),
    ),
  ].sort();
  const out = await tx.signals.append([
    {
      at,
      recordedAt: now,
      type: `service.${verdict}`,
      subjectType: 'service',
      subjectId: service,
      commitment: null,
      customer,
      data: verdict === 'down' ? { locations, ...(cause ? { cause } : {}) } : {},
      dedupeKey: `service:${service}:${verdict}:${at}`,
    },
  ]);
  const open = await tx.incidents.openFor(service);
  if (verdict === 'down' && !open) {
    const title = `${service} is down${cause ? `: ${cause}` : ''}`;
    const r = await openIncident(
      tx,
      policy,
      {
        service,
        customer,
        title: title.length > 300 ? `${title.slice(0, 297)}...` : title,
        origin: 'monitor',
        detectedAt: at,
        actor: 'monitor',
        note: `seen down from ${locations.join(', ') || 'its locations'}`,
      },
      now,
    );
    out.push(...r.signals);
  }
  if (verdict === 'up' && open && open.origin === 'monitor') {
    const r = await applyIncidentEvent(
      tx,
      policy,
      open,
      {
        type: 'resolved',
        at: Math.max(at, open.events[open.events.length - 1]?.at ?? at),
        actor: 'monitor',
        note: 'recovered: the monitors see the service up again',
      },
      now,
    );
    out.push(...r.signals);
  }
  return out;
}
