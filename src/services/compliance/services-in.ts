import type { Store } from '../store/index.js';
import { AvailabilityWindow } from './availability.js';

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
