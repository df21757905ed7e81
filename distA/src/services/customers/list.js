import { notFound } from '../../domain/errors.js';
import { canSee, requireRole } from '../authorize.js';
import { customerView } from './view.js';
export async function listCustomers({ ctx }) {
    requireRole(ctx.caller, ['admin', 'agent'], 'listing customers');
    return (await ctx.store.customers.list()).map((c) => customerView(c, ctx.policy));
}
export async function getCustomer({ ctx, input }) {
    const c = canSee(ctx.caller, input.id) ? await ctx.store.customers.get(input.id) : undefined;
    if (!c)
        throw notFound(`no customer "${input.id}"`);
    return customerView(c, ctx.policy);
}
//# sourceMappingURL=list.js.map