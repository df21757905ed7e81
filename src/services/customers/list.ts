import { notFound } from '../../domain/errors.js';
import { canSee, requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { customerView } from './view.js';

export async function listCustomers({ ctx }: { ctx: ServiceContext }) {
  requireRole(ctx.caller, ['admin', 'agent', 'auditor'], 'listing customers');
  return (await ctx.store.customers.list()).map((c) => customerView(c, ctx.policy));
}

export async function getCustomer({ ctx, input }: { ctx: ServiceContext; input: { id: string } }) {
  const c = canSee(ctx.caller, input.id) ? await ctx.store.customers.get(input.id) : undefined;
  if (!c) throw notFound(`no customer "${input.id}"`);
  return customerView(c, ctx.policy);
}
