import type { AuditEntry, AuditHead, AuditObjectType } from '../../domain/audit.js';
import type { Instant } from '../../domain/time.js';

export interface AuditQuery {
  readonly from?: Instant | undefined;
  readonly to?: Instant | undefined;
  readonly objectType?: AuditObjectType | undefined;
  readonly objectId?: string | undefined;
  readonly actor?: string | undefined;
  /** Entries after this sequence number, for paging and for streaming the whole log. */
  readonly afterSeq?: number | undefined;
  readonly limit: number;
}

export interface AuditCheckpoint {
  readonly seq: number;
  readonly hash: string;
  readonly at: Instant;
  /** The signing key's id: the SHA-256 of its public key (SPKI DER), hex. */
  readonly keyId: string;
  /** Ed25519 over checkpointMessage(head), base64. */
  readonly signature: string;
}

export interface AuditKey {
  readonly keyId: string;
  /** PEM (SPKI). */
  readonly publicKey: string;
  readonly createdAt: Instant;
}

/** The latest entry about one object: what its current state must digest to. */
export interface AuditLatest {
  readonly type: AuditObjectType;
  readonly id: string;
  readonly seq: number;
  readonly digest: string;
  readonly action: string;
}

/** An entry written by its writer's transaction, to be given its place in the chain after. */
export type PendingAuditEntry = Omit<AuditEntry, 'seq' | 'prev' | 'hash'>;

export interface AuditRepository {
  /**
   * Whether writers run in parallel here (PostgreSQL): their entries then wait in a pending
   * table and are chained after they commit, so no writer holds the head through its commit.
   */
  readonly deferred: boolean;
  addPending(entries: readonly PendingAuditEntry[]): Promise<void>;
  /** Pending entries in the order they were written, with their pending ids. */
  pending(limit: number): Promise<Array<PendingAuditEntry & { pendingId: number }>>;
  removePending(ids: readonly number[]): Promise<void>;
  /** The head locked as lockHead does, or undefined at once if another transaction holds it. */
  tryLockHead(): Promise<AuditHead | undefined>;
  /**
   * The head, locked until the transaction ends so writers append one at a time.
   * Call inside a transaction.
   */
  lockHead(): Promise<AuditHead>;
  head(): Promise<AuditHead>;
  /** Appends the entries (in sequence) and moves the head to the last; the caller holds the lock. */
  append(entries: readonly AuditEntry[]): Promise<void>;
  /** Oldest first. */
  list(query: AuditQuery): Promise<AuditEntry[]>;
  get(seq: number): Promise<AuditEntry | undefined>;
  /**
   * Every entry's object, sequence and digest in (type, id, seq) order, a page at a time after
   * the given one: an index scan, so reading the latest entry of a million objects is one pass.
   */
  byObject(
    after: { type: string; id: string; seq: number } | undefined,
    limit: number,
  ): Promise<AuditLatest[]>;
  /** Object ids of a type that have at least one entry. */
  hasEntries(type: AuditObjectType, ids: readonly string[]): Promise<Set<string>>;
  addCheckpoint(checkpoint: AuditCheckpoint): Promise<void>;
  checkpoints(limit: number): Promise<AuditCheckpoint[]>;
  latestCheckpoint(): Promise<AuditCheckpoint | undefined>;
  addKey(key: AuditKey): Promise<boolean>;
  keys(): Promise<AuditKey[]>;
}
