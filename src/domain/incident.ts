import type { Instant } from './time.js';

/** An incident: a service that went down (or someone said so), from detection to resolution. */
export const INCIDENT_STATES = ['open', 'acknowledged', 'mitigated', 'resolved'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

/** What can happen on an incident's timeline, in the words of the guarantee's emergency plan. */
export const INCIDENT_EVENT_TYPES = [
  'detected', // opened: by the monitors (quorum down) or by hand
  'acknowledged', // an engineer is engaged (R-01: within 15 min)
  'mitigated', // core functions restored (R-02: within 30 min)
  'resolved', // fully recovered (R-03: within 2 h)
  'note',
] as const;
export type IncidentEventType = (typeof INCIDENT_EVENT_TYPES)[number];

export interface IncidentEvent {
  readonly seq: number;
  readonly type: IncidentEventType;
  readonly at: Instant;
  readonly recordedAt: Instant;
  readonly actor: string | null;
  readonly note: string | null;
}

export interface Incident {
  readonly id: number;
  readonly service: string;
  readonly customer: string | null;
  readonly title: string;
  readonly origin: 'monitor' | 'manual';
  readonly state: IncidentState;
  readonly detectedAt: Instant;
  readonly acknowledgedAt: Instant | null;
  readonly mitigatedAt: Instant | null;
  readonly resolvedAt: Instant | null;
  readonly createdAt: Instant;
  readonly events: readonly IncidentEvent[];
}
