import type { Generated } from 'kysely';

/** The consequence tables (migration 005), as Kysely sees them; part of Database. */
export interface SignalCursorsTable {
  name: string;
  position: number;
}

export interface AlertsTable {
  id: Generated<number>;
  key: string;
  cause: string;
  signal_id: number;
  type: string;
  severity: string;
  status: string;
  subject_type: string;
  subject_id: string;
  commitment: string | null;
  customer_id: string | null;
  service: string | null;
  route: string;
  escalation: string;
  channels: string; // JSON
  start_level: number;
  steps: number;
  level: number | null;
  expedite: number;
  summary: string;
  opened_at: number;
  next_at: number | null;
  signal_count: number;
  last_signal_at: number;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  resolved_at: number | null;
  resolution: string | null;
  data: string; // JSON
  updated_at: number;
}

export interface AlertLogTable {
  id: Generated<number>;
  alert_id: number;
  at: number;
  kind: string;
  message: string;
  data: string;
}

export interface NotificationsTable {
  id: Generated<number>;
  dedupe_key: string;
  alert_id: number | null;
  kind: string;
  recipient: string | null;
  recipient_name: string | null;
  channels: string; // JSON
  language: string | null;
  template: string;
  context: string; // JSON
  severity: string;
  status: string;
  channel_index: number;
  attempts: number;
  total_attempts: number;
  not_before: number;
  next_attempt_at: number;
  lease_until: number | null;
  lease_owner: string | null;
  created_at: number;
  delivered_at: number | null;
  delivered_via: string | null;
  last_error: string | null;
  notes: string; // JSON
}

export interface NotificationAttemptsTable {
  id: Generated<number>;
  notification_id: number;
  attempt: number;
  channel: string;
  at: number;
  duration_ms: number;
  outcome: string;
  detail: string;
}

export interface CreditLinesTable {
  month: string;
  customer_id: string;
  line_key: string;
  commitment: string;
  consequence: string;
  subject_type: string;
  subject_id: string;
  due_at: number | null;
  breached_at: number | null;
  amount_minor: number;
  currency: string;
  status: string;
  evidence: string; // JSON
  updated_at: number;
}

export interface CreditAuditTable {
  id: Generated<number>;
  month: string;
  customer_id: string;
  line_key: string;
  at: number;
  action: string;
  before: string | null;
  after: string | null;
  reason: string;
  actor: string;
}
