import { checkpointMessage } from '../../domain/audit.js';
import { chainPending } from './chain.js';
import type { Instant } from '../../domain/time.js';
import type { AuditCheckpoint, Store } from '../store/index.js';
import { recordAudit } from './record.js';
import type { AuditSigner } from './signer.js';

/**
 * Signs the head of the log, unless the latest checkpoint already covers it. Idempotent: two
 * instances signing the same head store one checkpoint.
 */
export async function checkpointAudit(
  store: Store,
  signer: AuditSigner,
  now: Instant,
): Promise<AuditCheckpoint | undefined> {
  await chainPending(store, { wait: true });
  const head = await store.audit.head();
  if (head.seq === 0) return undefined;
  const latest = await store.audit.latestCheckpoint();
  if (latest && latest.seq === head.seq) return latest;
  const checkpoint: AuditCheckpoint = {
    seq: head.seq,
    hash: head.hash,
    at: now,
    keyId: signer.keyId,
    signature: signer.sign(checkpointMessage(head)),
  };
  await store.audit.addCheckpoint(checkpoint);
  return checkpoint;
}

/** Makes the signer's public key known to every verifier of this database, once, audited. */
export async function registerAuditKey(
  store: Store,
  signer: AuditSigner,
  now: Instant,
): Promise<void> {
  await store.transaction(async (tx) => {
    const added = await tx.audit.addKey({
      keyId: signer.keyId,
      publicKey: signer.publicKey,
      createdAt: now,
    });
    if (added)
      await recordAudit(tx, now, { id: 'system', name: 'audit key' }, [
        { action: 'audit_key.added', type: 'audit_key', id: signer.keyId },
      ]);
  });
}
