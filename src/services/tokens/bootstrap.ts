import type { Instant } from '../../domain/time.js';
import type { Store } from '../store/index.js';
import { recordAudit } from '../audit/record.js';
import { hashSecret, newSecret, newTokenId } from './secret.js';

/**
 * First start without a configured admin token: make one, store its hash, and hand the
 * secret back once for the operator to keep. Later starts find it and return nothing.
 */
export async function ensureAdminToken(store: Store, now: Instant): Promise<string | undefined> {
  return store.transaction(async (tx) => {
    if ((await tx.tokens.countActive('admin')) > 0) return undefined;
    const secret = newSecret();
    const id = newTokenId();
    await tx.tokens.insert({
      id,
      hash: hashSecret(secret),
      role: 'admin',
      customer: null,
      name: 'generated at first start',
      createdAt: now,
      revokedAt: null,
    });
    await recordAudit(tx, now, { id: 'system', name: 'first start' }, [
      { action: 'token.issued', type: 'token', id },
    ]);
    return secret;
  });
}
