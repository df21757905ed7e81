import type { Clock } from '../../domain/clock.js';
import type { Incident } from '../../domain/incident.js';
import { toIso, type Instant } from '../../domain/time.js';

const iso = (t: Instant | null) => (t === null ? null : toIso(t));

export function incidentView(i: Incident, clocks: readonly Clock[], now: Instant) {
  return {
    id: i.id,
    service: i.service,
    customer: i.customer,
    title: i.title,
    origin: i.origin,
    state: i.state,
    detectedAt: toIso(i.detectedAt),
    acknowledgedAt: iso(i.acknowledgedAt),
    mitigatedAt: iso(i.mitigatedAt),
    resolvedAt: iso(i.resolvedAt),
    durationMs: (i.resolvedAt ?? now) - i.detectedAt,
    timeline: i.events.map((e) => ({
      type: e.type,
      at: toIso(e.at),
      actor: e.actor,
      note: e.note,
    })),
    clocks: clocks.map((c) => ({
      commitment: c.commitment,
      state: c.state,
      targetMs: c.targetMs,
      dueAt: iso(c.dueAt),
      stoppedAt: iso(c.stoppedAt),
      breachedAt: iso(c.breachedAt),
      elapsedMs: c.elapsedMs,
      remainingMs: c.remainingMs,
      warnings: c.warnings.map((w) => ({ threshold: w.threshold, at: toIso(w.at) })),
    })),
  };
}
