import type { Generated } from 'kysely';

/** The tables of migration 004 (availability), as Kysely sees them. */
export interface AvailabilityTables {
  monitors: {
    id: string;
    service: string;
    customer_id: string | null;
    type: string;
    definition: string;
    locations: string;
    source: string;
    ping_key: string | null;
    created_at: number;
    updated_at: number;
    removed_at: number | null;
  };
  monitor_states: {
    monitor_id: string;
    location: string;
    status: string;
    since: number | null;
    failures: number;
    detected_at: number | null;
    last_at: number | null;
    last_ok: number | null;
    last_cause: string | null;
    last_message: string | null;
    last_latency_ms: number | null;
    last_warning: string | null;
  };
  monitor_downtimes: {
    id: Generated<number>;
    monitor_id: string;
    location: string;
    service: string;
    from_at: number;
    to_at: number | null;
    cause: string;
    message: string;
  };
  monitor_check_hours: {
    monitor_id: string;
    location: string;
    hour: number;
    checks: number;
    failures: number;
    latency_sum: number;
    latency_max: number;
  };
  heartbeat_pings: { monitor_id: string; last_ping_at: number; pings: number };
  heartbeat_reports: { monitor_id: string; kind: string; at: number; message: string | null };
  service_states: { service: string; state: string; since: number };
  incidents: {
    id: Generated<number>;
    service: string;
    customer_id: string | null;
    title: string;
    origin: string;
    state: string;
    detected_at: number;
    acknowledged_at: number | null;
    mitigated_at: number | null;
    resolved_at: number | null;
    created_at: number;
  };
  incident_events: {
    incident_id: number;
    seq: number;
    type: string;
    at: number;
    recorded_at: number;
    actor: string | null;
    note: string | null;
  };
  maintenance_windows: {
    id: Generated<number>;
    service: string | null;
    title: string;
    kind: string;
    spec: string | null;
    from_at: number | null;
    to_at: number | null;
    declared_at: number;
    until_at: number | null;
    source: string;
    policy_key: string | null;
    created_by: string | null;
    cancelled_at: number | null;
  };
  agents: {
    location: string;
    first_seen_at: number;
    last_seen_at: number;
    silent_since: number | null;
    version: string | null;
  };
  agent_silences: {
    id: Generated<number>;
    location: string;
    from_at: number;
    to_at: number | null;
  };
  probe_tokens: { token_id: string; location: string };
  burn_states: { service: string; rule: string; since: number };
  checkup_runs: {
    id: Generated<number>;
    kind: string;
    name: string;
    scheduled_at: number | null;
    started_at: number;
    finished_at: number;
    status: string;
    source: string;
    report: string;
  };
}
