import { Type } from 'typebox';
import { strictObject } from '../../validation/schema-kit.js';
import { requireRole, scopeOf } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';
import { maintenanceView } from './view.js';

export const ListMaintenanceInput = strictObject({
  service: Type.Optional(Type.String({ minLength: 1 })),
  all: Type.Optional(
    Type.String({ enum: ['true', 'false'], description: 'true includes cancelled windows' }),
  ),
});

export async function listMaintenance({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx.caller, ['admin', 'agent', 'customer', 'auditor'], 'listing maintenance');
  const q = parseInput(ListMaintenanceInput, input ?? {}, 'invalid maintenance query');
  let rows = await ctx.store.maintenance.list({
    ...(q.service ? { service: q.service } : {}),
    all: q.all === 'true',
  });
  const customer = scopeOf(ctx.caller);
  if (customer !== undefined) {
    const mine = new Set((await ctx.store.monitors.list({ customer })).map((m) => m.service));
    rows = rows.filter((r) => r.service === null || mine.has(r.service));
  }
  return { maintenance: rows.map(maintenanceView) };
}
