import { createHash, createPublicKey } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Instant } from './time.js';

/**
 * One entry of the append-only audit log. The chain is what makes the record trustworthy:
 * each entry's hash covers the one before it, so an entry cannot be changed, dropped or
 * inserted without every later hash (and every signed checkpoint, and every report that
 * quoted a head) disagreeing. Hashes are SHA-256 over the RFC 8785 canonical JSON of the
 * entry without its own hash, so anyone can recompute them with any JSON library.
 */
export interface AuditEntry {
  readonly seq: number;
  readonly at: Instant;
  readonly actor: AuditActor;
  /** What was done, as `<object type>.<verb>`: "ticket.created", "credit_line.voided". */
  readonly action: string;
  readonly object: AuditObject;
  /** SHA-256 of the object's state after the write (canonical JSON); NO_STATE once it is gone. */
  readonly digest: string;
  /** Why, when the writer said: a correction's reason, a reopening's. */
  readonly reason?: string | undefined;
  readonly prev: string;
  readonly hash: string;
}

export interface AuditActor {
  readonly id: string;
  readonly name?: string | undefined;
}

export interface AuditObject {
  readonly type: AuditObjectType;
  readonly id: string;
}

export const AUDIT_OBJECT_TYPES = [
  'ticket',
  'correction',
  'customer',
  'token',
  'monitor',
  'maintenance',
  'incident',
  'improvement',
  'credit_line',
  'policy_version',
  'month',
  'assessment',
  'audit_key',
] as const;
export type AuditObjectType = (typeof AUDIT_OBJECT_TYPES)[number];

/** The head of the chain: what a checkpoint signs and a report quotes. */
export interface AuditHead {
  readonly seq: number;
  readonly hash: string;
}

/** The `prev` of the first entry, and the head of an empty log. */
export const GENESIS = '0'.repeat(64);

/** The digest of an object that no longer exists. */
export const NO_STATE = digestOf(null);

export function canonicalJson(value: unknown): string {
  return canonicalize(value) ?? 'null';
}

export function digestOf(state: unknown): string {
  return createHash('sha256').update(canonicalJson(state)).digest('hex');
}

/** The hash an entry must carry: over every field but the hash itself. */
export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const { seq, at, actor, action, object, digest, reason, prev } = entry;
  return digestOf({ seq, at, actor, action, object, digest, reason, prev });
}

/** What a checkpoint's signature is made over: plain text, so any Ed25519 tool can check it. */
export function checkpointMessage(head: AuditHead): string {
  return `surety-audit-head:${head.seq}:${head.hash}`;
}

/** "SEQ:HASH", the form a report prints and `surety audit verify --head` takes. */
export function formatHead(head: AuditHead): string {
  return `${head.seq}:${head.hash}`;
}

/** A public key's id: the SHA-256 of its SPKI encoding, hex. */
export function keyIdOf(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex');
}
