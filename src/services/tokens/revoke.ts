import { notFound } from '../../domain/errors.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';

export async function revokeToken({ ctx, input }: { ctx: ServiceContext; input: { id: string } }) {
  requireRole(ctx.caller, ['admin'], 'revoking a token');
  if (!(await ctx.store.tokens.revoke(input.id, ctx.time.now())))
    throw notFound(`no active token ${input.id}`);
  return { id: input.id, revoked: true };
}
