import { notFound } from '../../domain/errors.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { tokenView } from './create.js';

export async function listTokens({ ctx }: { ctx: ServiceContext }) {
  requireRole(ctx.caller, ['admin'], 'listing tokens');
  return (await ctx.store.tokens.list()).map(tokenView);
}

export async function revokeToken({ ctx, input }: { ctx: ServiceContext; input: { id: string } }) {
  requireRole(ctx.caller, ['admin'], 'revoking a token');
  if (!(await ctx.store.tokens.revoke(input.id, ctx.time.now())))
    throw notFound(`no active token ${input.id}`);
  return { id: input.id, revoked: true };
}
