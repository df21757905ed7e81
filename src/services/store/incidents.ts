import type { Incident, IncidentEvent, IncidentState } from '../../domain/incident.js';
import type { Instant } from '../../domain/time.js';

export interface NewIncident {
  readonly service: string;
  readonly customer: string | null;
  readonly title: string;
  readonly origin: 'monitor' | 'manual';
  readonly detectedAt: Instant;
  readonly createdAt: Instant;
}

export interface IncidentQuery {
  readonly service?: string | undefined;
  readonly customer?: string | undefined;
  readonly states?: readonly IncidentState[] | undefined;
  readonly limit: number;
  readonly offset: number;
}

export interface IncidentRepository {
  insert(incident: NewIncident): Promise<number>;
  get(id: number, options?: { lock?: boolean }): Promise<Incident | undefined>;
  list(query: IncidentQuery): Promise<{ incidents: Incident[]; total: number }>;
  /** The unresolved incident of a service, the newest if several. */
  openFor(service: string): Promise<Incident | undefined>;
  appendEvent(id: number, event: IncidentEvent): Promise<void>;
  update(
    id: number,
    fields: {
      state: IncidentState;
      acknowledgedAt: Instant | null;
      mitigatedAt: Instant | null;
      resolvedAt: Instant | null;
    },
  ): Promise<void>;
  /** Unresolved incidents, and those resolved at or after `since` (their clocks may still settle). */
  active(since: Instant): Promise<Incident[]>;
  /** Incidents detected before `to` and not resolved before `from`: those a window can see. */
  overlapping(
    from: Instant,
    to: Instant,
    filter?: { service?: string; customer?: string },
  ): Promise<Incident[]>;
}
