import { notFound } from '../../domain/errors.js';
import { evaluateIncidentClocks } from '../../evaluate/availability/incident-clocks.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { incidentView } from './view.js';

export async function getIncident({ ctx, input }: { ctx: ServiceContext; input: { id: number } }) {
  requireRole(ctx.caller, ['admin', 'agent', 'customer', 'auditor'], 'reading an incident');
  const i = await ctx.store.incidents.get(input.id);
  if (!i || (ctx.caller.role === 'customer' && i.customer !== ctx.caller.customer))
    throw notFound(`there is no incident ${input.id}`);
  const now = ctx.time.now();
  const terms = i.customer === null ? undefined : await ctx.store.customers.get(i.customer);
  return incidentView(i, evaluateIncidentClocks(ctx.policy, i, terms, now), now);
}
