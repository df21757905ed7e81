import type { Generated } from 'kysely';

/** The audit log's tables and the leases of periodic jobs (migration 010), as Kysely sees them. */
export interface AuditTables {
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  audit_checkpoints: AuditCheckpointsTable;
  audit_keys: AuditKeysTable;
  audit_pending: AuditPendingTable;
  leases: LeasesTable;
}

export interface AuditPendingTable {
  id: Generated<number>;
  at: number;
  actor_id: string;
  actor_name: string | null;
  action: string;
  object_type: string;
  object_id: string;
  digest: string;
  reason: string | null;
}

export interface AuditLogTable {
  seq: number;
  at: number;
  actor_id: string;
  actor_name: string | null;
  action: string;
  object_type: string;
  object_id: string;
  digest: string;
  reason: string | null;
  prev: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface AuditCheckpointsTable {
  seq: number;
  hash: string;
  at: number;
  key_id: string;
  signature: string;
}

export interface AuditKeysTable {
  key_id: string;
  public_key: string;
  created_at: number;
}

export interface LeasesTable {
  name: string;
  owner: string;
  until: number;
}
