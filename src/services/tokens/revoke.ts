import { notFound } from '../../domain/errors.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { audit } from '../audit/record.js';

export async function revokeToken({ ctx, input }: { ctx: ServiceContext; input: { id: string } }) {
  requireRole(ctx.caller, ['admin'], 'revoking a token');
  await ctx.store.transaction(async (tx) => {
    if (!(await tx.tokens.revoke(input.id, ctx.time.now())))
      throw notFound(`no active token ${input.id}`);
    await audit(tx, ctx, { action: 'token.revoked', type: 'token', id: input.id });
  });
  return { id: input.id, revoked: true };
}
