import { digestOf, type AuditActor, type AuditObjectType } from '../../domain/audit.js';
import type { Instant } from '../../domain/time.js';
import { recorderOf, type ServiceContext } from '../context.js';
import { chainAfterCommit, chained } from './chain.js';
import type { Store } from '../store/index.js';
import { snapshotsOf } from './snapshots.js';

export interface AuditedWrite {
  /** `<type>.<verb>`: "ticket.created", "ticket.event_added", "credit_line.voided". */
  readonly action: string;
  readonly type: AuditObjectType;
  readonly id: string | number;
  readonly reason?: string | undefined;
  /**
   * The object's state after the write, when the writer has it in hand (as snapshots.ts would
   * read it back); saves reading it again. Verification re-reads it, so a wrong one shows.
   */
  readonly state?: unknown;
}

/**
 * Appends one entry per write to the audit log, digesting each object's state as it now
 * stands. Call it inside the transaction that made the writes, after them: the entries and
 * the writes are kept together or not at all, and the head's lock makes concurrent writers
 * take turns, so the chain never forks.
 */
export async function recordAudit(
  tx: Store,
  at: Instant,
  actor: AuditActor,
  writes: readonly AuditedWrite[],
): Promise<void> {
  if (writes.length === 0) return;
  const states = new Array<string>(writes.length);
  writes.forEach((w, i) => {
    if (w.state !== undefined) states[i] = digestOf(w.state);
  });
  for (const type of new Set(writes.filter((w) => w.state === undefined).map((w) => w.type))) {
    const at = writes.flatMap((w, i) => (w.type === type && w.state === undefined ? [i] : []));
    const snaps = await snapshotsOf(
      tx,
      type,
      at.map((i) => String(writes[i]!.id)),
    );
    at.forEach((i, k) => (states[i] = digestOf(snaps[k])));
  }
  const entries = writes.map((w, i) => ({
    at,
    actor: actor.name === undefined ? { id: actor.id } : { id: actor.id, name: actor.name },
    action: w.action,
    object: { type: w.type, id: String(w.id) },
    digest: states[i]!,
    ...(w.reason === undefined ? {} : { reason: w.reason }),
  }));
  if (tx.audit.deferred) {
    // Parallel writers must not hold the head through their commits: the entries wait, written
    // with the writes, and are chained right after the commit.
    await tx.audit.addPending(entries);
    await tx.afterCommit(chainAfterCommit);
    return;
  }
  await tx.audit.append(chained(await tx.audit.lockHead(), entries));
}

/** The usual case: the caller's writes, recorded at the server's time. */
export function audit(tx: Store, ctx: ServiceContext, ...writes: AuditedWrite[]): Promise<void> {
  return recordAudit(tx, ctx.time.now(), recorderOf(ctx.caller), writes);
}

/** The actor of what the policy file says (its contracts, monitors, windows), applied at start. */
export const POLICY_FILE: AuditActor = { id: 'policy', name: 'the policy file' };
