import { Type } from 'typebox';
import { strictObject } from '../../validation/schema-kit.js';
import { requireRole, scopeOf } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';
import { silentLocations } from './catalog.js';
import { monitorView } from './view.js';

export const ListMonitorsInput = strictObject({
  service: Type.Optional(
    Type.String({ minLength: 1, description: 'only the monitors of this service' }),
  ),
  state: Type.Optional(
    Type.String({ enum: ['up', 'down', 'unknown'], description: 'only monitors in this state' }),
  ),
});

/** Monitors with their live state; a customer token sees only its own services' monitors. */
export async function listMonitors({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx.caller, ['admin', 'agent', 'customer', 'auditor'], 'listing monitors');
  const q = parseInput(ListMonitorsInput, input ?? {}, 'invalid monitor query');
  const customer = scopeOf(ctx.caller);
  const rows = await ctx.store.monitors.list({
    ...(q.service ? { service: q.service } : {}),
    ...(customer ? { customer } : {}),
  });
  const states = await ctx.store.monitorStates.list(rows.map((r) => r.id));
  const silent = await silentLocations(ctx.store);
  const monitors = rows
    .map((r) => monitorView(ctx.policy, r, states, silent))
    .filter((m) => !q.state || m.state === q.state);
  return { monitors, total: monitors.length };
}
