import { toIso } from '../../domain/time.js';
import { chainPending } from './chain.js';
import type { AuditProofFacts } from '../../reports/facts.js';
import type { ServiceContext } from '../context.js';
import { checkpointAudit } from './checkpoint.js';
import type { AuditSigner } from './signer.js';

/**
 * The head a report is generated at, signed now (every report generation is a checkpoint), or
 * as it stands unsigned when no signer was handed in.
 */
export async function auditProof(
  ctx: ServiceContext,
  signer: AuditSigner | undefined,
): Promise<AuditProofFacts> {
  const checkpoint = signer ? await checkpointAudit(ctx.store, signer, ctx.time.now()) : undefined;
  if (checkpoint)
    return {
      seq: checkpoint.seq,
      hash: checkpoint.hash,
      signedAt: toIso(checkpoint.at),
      keyId: checkpoint.keyId,
      signature: checkpoint.signature,
      publicKey: signer!.publicKey,
    };
  await chainPending(ctx.store, { wait: true });
  const head = await ctx.store.audit.head();
  return {
    seq: head.seq,
    hash: head.hash,
    signedAt: null,
    keyId: signer?.keyId ?? null,
    signature: null,
    publicKey: signer?.publicKey ?? null,
  };
}
