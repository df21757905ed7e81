import { Type } from 'typebox';
import { oneOf, strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import type { AlertStatus } from '../store/index.js';
import { parseInput } from '../parse-input.js';
import { alertView } from './view.js';

export const ListAlertsInput = strictObject({
  status: Type.Optional(
    oneOf(['open', 'triggered', 'acknowledged', 'resolved', 'all'] as const, {
      description: 'open (triggered or acknowledged, the default), one status, or all',
    }),
  ),
  customer: Type.Optional(Type.String({ minLength: 1 })),
  limit: Type.Optional(
    Type.String({ pattern: '^[0-9]{1,3}$', description: 'page size, up to 500 (50 by default)' }),
  ),
  offset: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$' })),
});

/** Alerts, newest first; staff only (alerts name people and internal routes). */
export async function listAlerts({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx.caller, ['admin', 'agent', 'auditor'], 'reading alerts');
  const q = parseInput(ListAlertsInput, input, 'invalid alert query');
  const status = q.status ?? 'open';
  const statuses: AlertStatus[] | undefined =
    status === 'all' ? undefined : status === 'open' ? ['triggered', 'acknowledged'] : [status];
  const { alerts, total } = await ctx.store.alerts.list({
    statuses,
    customer: q.customer,
    limit: Math.min(Number(q.limit ?? 50), 500),
    offset: Number(q.offset ?? 0),
  });
  // The level by name and how many there are, so a list can say "team-lead (2 of 3)".
  const levels = (a: (typeof alerts)[number]) =>
    ctx.policy.notifications.escalations.get(a.escalation)?.levels ?? [];
  return {
    total,
    alerts: alerts.map((a) => ({
      ...alertView(a),
      levelName: a.level === null ? null : (levels(a)[a.level]?.name ?? null),
      levels: levels(a).length,
    })),
  };
}
