import type { AuditActor } from '../../domain/audit.js';
import { recordAudit } from '../audit/record.js';
import type { Clock } from '../../domain/clock.js';
import type { Incident, IncidentEventType, IncidentState } from '../../domain/incident.js';
import { toIso, type Instant } from '../../domain/time.js';
import { evaluateIncidentClocks } from '../../evaluate/availability/incident-clocks.js';
import type { Policy } from '../../policy/policy.js';
import type { NewSignal, Signal, Store } from '../store/index.js';

/**
 * Changes to an incident, in one place: the lifecycle (what may follow what), the timestamps,
 * the lifecycle signal, and the clock signals. Call inside a transaction.
 */
const NEXT_STATE: Record<Exclude<IncidentEventType, 'detected' | 'note'>, IncidentState> = {
  acknowledged: 'acknowledged',
  mitigated: 'mitigated',
  resolved: 'resolved',
};

/** Why the step cannot happen now, or undefined when it can. */
export function refusal(
  incident: Incident,
  type: IncidentEventType,
  at: Instant,
): string | undefined {
  const last = incident.events[incident.events.length - 1];
  if (at < incident.detectedAt)
    return `it happened before the incident was detected (${toIso(incident.detectedAt)})`;
  if (last && at < last.at)
    return `events come in time order; the last one is at ${toIso(last.at)}`;
  if (type === 'note' || type === 'detected')
    return type === 'detected' ? 'an incident is detected once, when it opens' : undefined;
  if (incident.state === 'resolved')
    return `incident ${incident.id} is resolved; open a new one if the service fails again`;
  if (type === 'acknowledged' && incident.acknowledgedAt !== null)
    return `incident ${incident.id} is already acknowledged`;
  if (type === 'mitigated' && incident.mitigatedAt !== null)
    return `incident ${incident.id} is already mitigated`;
  return undefined;
}

export async function applyIncidentEvent(
  tx: Store,
  policy: Policy,
  incident: Incident,
  step: {
    type: IncidentEventType;
    at: Instant;
    actor: string | null;
    note: string | null;
    /** Who recorded it, for the audit log; the label `actor` otherwise. */
    by?: AuditActor | undefined;
  },
  now: Instant,
): Promise<{ incident: Incident; clocks: Clock[]; signals: Signal[] }> {
  const event = {
    seq: incident.events.length + 1,
    type: step.type,
    at: step.at,
    recordedAt: now,
    actor: step.actor,
    note: step.note,
  };
  await tx.incidents.appendEvent(incident.id, event);
  let next: Incident = { ...incident, events: [...incident.events, event] };
  if (step.type !== 'note' && step.type !== 'detected') {
    next = {
      ...next,
      state: NEXT_STATE[step.type],
      acknowledgedAt: step.type === 'acknowledged' ? step.at : incident.acknowledgedAt,
      mitigatedAt: step.type === 'mitigated' ? step.at : incident.mitigatedAt,
      resolvedAt: step.type === 'resolved' ? step.at : incident.resolvedAt,
    };
    // A later step keeps the earlier state's time: a mitigation after no acknowledgement leaves that one empty.
    await tx.incidents.update(incident.id, next);
  }
  const lifecycle: NewSignal = {
    at: step.at,
    recordedAt: now,
    type: step.type === 'detected' ? 'incident.opened' : `incident.${step.type}`,
    subjectType: 'incident',
    subjectId: String(incident.id),
    commitment: null,
    customer: incident.customer,
    data: {
      service: incident.service,
      title: incident.title,
      origin: incident.origin,
      state: next.state,
      ...(step.actor ? { actor: step.actor } : {}),
      ...(step.note ? { note: step.note } : {}),
    },
    dedupeKey: `incident:${incident.id}:event:${event.seq}`,
  };
  const { clocks, signals } = await refreshIncidentClocks(tx, policy, next, now, [lifecycle]);
  await recordAudit(tx, now, step.by ?? { id: step.actor ?? 'system' }, [
    {
      action: step.type === 'detected' ? 'incident.opened' : `incident.${step.type}`,
      type: 'incident',
      id: incident.id,
    },
  ]);
  return { incident: next, clocks, signals };
}

/** Appends the warnings and breaches the incident's clocks have had by `now` (once each). */
export async function refreshIncidentClocks(
  tx: Store,
  policy: Policy,
  incident: Incident,
  now: Instant,
  extra: NewSignal[] = [],
): Promise<{ clocks: Clock[]; signals: Signal[] }> {
  const customer =
    incident.customer === null ? undefined : await tx.customers.get(incident.customer);
  const clocks = evaluateIncidentClocks(policy, incident, customer, now);
  const signals = await tx.signals.append([
    ...extra,
    ...clocks.flatMap((c) => incidentClockSignals(incident, c, now)),
  ]);
  return { clocks, signals };
}

/** The same shape as a ticket's clock signals, about an incident. */
export function incidentClockSignals(incident: Incident, c: Clock, now: Instant): NewSignal[] {
  const base = {
    recordedAt: now,
    subjectType: 'incident',
    subjectId: String(incident.id),
    commitment: c.commitment,
    customer: incident.customer,
  };
  const out: NewSignal[] = c.warnings.map((w) => ({
    ...base,
    at: w.at,
    type: 'clock.warning',
    data: {
      threshold: w.threshold,
      targetMs: c.targetMs,
      dueAt: c.dueAt,
      service: incident.service,
    },
    dedupeKey: `incident:${incident.id}:${c.commitment}:warning:${w.threshold}`,
  }));
  if (c.breachedAt !== null) {
    out.push({
      ...base,
      at: c.breachedAt,
      type: 'clock.breached',
      data: { targetMs: c.targetMs, dueAt: c.breachedAt, service: incident.service },
      dedupeKey: `incident:${incident.id}:${c.commitment}:breached`,
    });
  }
  return out;
}

/** Opens an incident with its `detected` event. */
export async function openIncident(
  tx: Store,
  policy: Policy,
  fields: {
    service: string;
    customer: string | null;
    title: string;
    origin: 'monitor' | 'manual';
    detectedAt: Instant;
    actor: string | null;
    note: string | null;
    by?: AuditActor | undefined;
  },
  now: Instant,
) {
  const id = await tx.incidents.insert({
    service: fields.service,
    customer: fields.customer,
    title: fields.title,
    origin: fields.origin,
    detectedAt: fields.detectedAt,
    createdAt: now,
  });
  const draft: Incident = {
    id,
    service: fields.service,
    customer: fields.customer,
    title: fields.title,
    origin: fields.origin,
    state: 'open',
    detectedAt: fields.detectedAt,
    acknowledgedAt: null,
    mitigatedAt: null,
    resolvedAt: null,
    createdAt: now,
    events: [],
  };
  return applyIncidentEvent(
    tx,
    policy,
    draft,
    {
      type: 'detected',
      at: fields.detectedAt,
      actor: fields.actor,
      note: fields.note,
      by: fields.by,
    },
    now,
  );
}
