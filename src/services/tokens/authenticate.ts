import { SuretyError } from '../../domain/errors.js';
import type { Caller } from '../context.js';
import type { Store } from '../store/index.js';
import { hashSecret, sameHash } from './secret.js';

/**
 * Who a presented secret belongs to. The configured admin token (if any) is compared in
 * constant time and never stored; all others are looked up by hash.
 */
export async function authenticate(
  store: Store,
  secret: string | undefined,
  configuredAdminHash: string | undefined,
): Promise<Caller> {
  if (!secret)
    throw new SuretyError(
      'unauthorized',
      'this needs a token: send "Authorization: Bearer <token>"',
    );
  const hash = hashSecret(secret);
  if (configuredAdminHash !== undefined && sameHash(hash, configuredAdminHash))
    return { role: 'admin', id: 'admin', name: 'the configured admin token' };
  const token = await store.tokens.findByHash(hash);
  if (!token || token.revokedAt !== null)
    throw new SuretyError('unauthorized', 'the token is not valid (unknown or revoked)');
  return {
    role: token.role,
    customer: token.customer ?? undefined,
    id: token.id,
    name: token.name ?? undefined,
  };
}
