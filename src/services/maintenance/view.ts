import { toIso, type Instant } from '../../domain/time.js';
import type { MaintenanceRow } from '../store/index.js';

export function maintenanceView(r: MaintenanceRow) {
  const iso = (t: Instant | null) => (t === null ? null : toIso(t));
  return {
    id: r.id,
    service: r.service ?? '*',
    title: r.title,
    kind: r.kind,
    ...(r.kind === 'recurring' ? { every: r.spec } : { start: iso(r.from), end: iso(r.to) }),
    declaredAt: toIso(r.declaredAt),
    source: r.source,
    cancelledAt: iso(r.cancelledAt),
  };
}
