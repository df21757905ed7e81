import { notFound } from '../../domain/errors.js';
import { requireRole } from '../authorize.js';
import { tokenView } from './create.js';
export async function listTokens({ ctx }) {
    requireRole(ctx.caller, ['admin'], 'listing tokens');
    return (await ctx.store.tokens.list()).map(tokenView);
}
export async function revokeToken({ ctx, input }) {
    requireRole(ctx.caller, ['admin'], 'revoking a token');
    if (!(await ctx.store.tokens.revoke(input.id, ctx.time.now())))
        throw notFound(`no active token ${input.id}`);
    return { id: input.id, revoked: true };
}
//# sourceMappingURL=manage.js.map