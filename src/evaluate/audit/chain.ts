import {
  GENESIS,
  checkpointMessage,
  entryHash,
  type AuditEntry,
  type AuditHead,
} from '../../domain/audit.js';
import { createPublicKey, verify } from 'node:crypto';

/**
 * What is wrong with `entry` as the successor of `prev`, or undefined if it follows: the next
 * number, linked to the previous hash, carrying its own true hash.
 */
export function chainBreak(prev: AuditHead, entry: AuditEntry): string | undefined {
  if (entry.seq !== prev.seq + 1)
    return entry.seq <= prev.seq
      ? `entry #${entry.seq} comes after #${prev.seq}: the log is out of order`
      : `entries #${prev.seq + 1} to #${entry.seq - 1} are missing`;
  if (entry.prev !== prev.hash)
    return `entry #${entry.seq} does not link to entry #${prev.seq}: its prev is ${short(entry.prev)}, the hash there is ${short(prev.hash)}`;
  const { hash, ...rest } = entry;
  const expected = entryHash(rest);
  if (hash !== expected)
    return `entry #${entry.seq} (${entry.action} of ${entry.object.type} ${entry.object.id}) was changed: its hash is ${short(hash)}, its content hashes to ${short(expected)}`;
  return undefined;
}

/** Walks a chain in order, remembering the hashes asked for (checkpoints, quoted heads). */
export class ChainWalk {
  private last: AuditHead;
  private readonly wanted: Set<number>;
  private readonly seen = new Map<number, string>();
  readonly problems: Array<{ seq: number; message: string }> = [];
  count = 0;

  constructor(wanted: Iterable<number> = [], start: AuditHead = { seq: 0, hash: GENESIS }) {
    this.last = start;
    this.wanted = new Set(wanted);
  }

  feed(entry: AuditEntry): void {
    const problem = chainBreak(this.last, entry);
    if (problem) this.problems.push({ seq: entry.seq, message: problem });
    if (this.wanted.has(entry.seq)) this.seen.set(entry.seq, entry.hash);
    this.count++;
    // Go on from the entry as stored, so one break is reported once, not at every later entry.
    this.last = { seq: entry.seq, hash: entry.hash };
  }

  get head(): AuditHead {
    return this.last;
  }

  hashAt(seq: number): string | undefined {
    return this.seen.get(seq);
  }
}

/** Whether `signature` (base64) is the Ed25519 signature of `head` by the PEM public key. */
export function signatureHolds(publicKeyPem: string, head: AuditHead, signature: string): boolean {
  return ed25519Holds(publicKeyPem, checkpointMessage(head), signature);
}

/** Whether `signature` (base64) is the PEM public key's Ed25519 signature of `message`. */
export function ed25519Holds(
  publicKeyPem: string,
  message: string | Uint8Array,
  signature: string,
): boolean {
  try {
    return verify(
      null,
      typeof message === 'string' ? Buffer.from(message) : message,
      createPublicKey(publicKeyPem),
      Buffer.from(signature.trim(), 'base64'),
    );
  } catch {
    return false;
  }
}

function short(hash: string): string {
  return hash.slice(0, 12);
}
