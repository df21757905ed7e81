import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { tokenView } from './create.js';

export async function listTokens({ ctx }: { ctx: ServiceContext }) {
  requireRole(ctx.caller, ['admin', 'auditor'], 'listing tokens');
  return (await ctx.store.tokens.list()).map(tokenView);
}
