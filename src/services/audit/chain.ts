import { entryHash, type AuditEntry, type AuditHead } from '../../domain/audit.js';
import type { PendingAuditEntry, Store } from '../store/index.js';

const BATCH = 5_000;

/** Gives pending entries their place after `head`: the next numbers, each linked to the last. */
export function chained(head: AuditHead, pending: readonly PendingAuditEntry[]): AuditEntry[] {
  const out: AuditEntry[] = [];
  let last = head;
  for (const p of pending) {
    const draft = {
      seq: last.seq + 1,
      at: p.at,
      actor:
        p.actor.name === undefined ? { id: p.actor.id } : { id: p.actor.id, name: p.actor.name },
      action: p.action,
      object: p.object,
      digest: p.digest,
      ...(p.reason === undefined ? {} : { reason: p.reason }),
      prev: last.hash,
    };
    const entry: AuditEntry = { ...draft, hash: entryHash(draft) };
    out.push(entry);
    last = entry;
  }
  return out;
}

/**
 * Chains the entries writers left pending (PostgreSQL), in the order they were written, a
 * batch a transaction. With `wait: false` (right after a writer's commit) it gives way when
 * another process is chaining: that one takes what is pending, and whatever it misses is
 * chained by the next writer, the next read of the log, or the hourly pass. Readers of the log
 * wait, so what they read includes every committed write.
 */
export async function chainPending(store: Store, options: { wait: boolean }): Promise<number> {
  if (!store.audit.deferred) return 0;
  let total = 0;
  for (;;) {
    const n = await store.transaction(async (tx) => {
      const head = options.wait ? await tx.audit.lockHead() : await tx.audit.tryLockHead();
      if (!head) return -1;
      const pending = await tx.audit.pending(BATCH);
      if (pending.length === 0) return 0;
      await tx.audit.append(chained(head, pending));
      await tx.audit.removePending(pending.map((p) => p.pendingId));
      return pending.length;
    });
    if (n <= 0) return total;
    total += n;
  }
}

/** The callback writers register: one function, so a transaction registers it once. */
export const chainAfterCommit = (store: Store) =>
  chainPending(store, { wait: false }).then(() => {});
