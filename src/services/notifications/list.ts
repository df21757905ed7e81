import { Type } from 'typebox';
import { oneOf, strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';
import { notificationView } from '../alerts/view.js';

export const ListNotificationsInput = strictObject({
  alert: Type.Optional(
    Type.String({ pattern: '^[0-9]{1,15}$', description: 'only the notifications of this alert' }),
  ),
  status: Type.Optional(oneOf(['pending', 'sending', 'delivered', 'failed', 'cancelled'] as const)),
  limit: Type.Optional(
    Type.String({ pattern: '^[0-9]{1,3}$', description: 'page size, up to 500 (50 by default)' }),
  ),
  offset: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$' })),
});

/** The notification log: each notification with its every attempt, newest first. */
export async function listNotifications({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx.caller, ['admin', 'agent', 'auditor'], 'reading the notification log');
  const q = parseInput(ListNotificationsInput, input, 'invalid notification query');
  const { notifications, total } = await ctx.store.notifications.list({
    alertId: q.alert === undefined ? undefined : Number(q.alert),
    statuses: q.status ? [q.status] : undefined,
    limit: Math.min(Number(q.limit ?? 50), 500),
    offset: Number(q.offset ?? 0),
  });
  const attempts = await ctx.store.notifications.attemptsOf(notifications.map((n) => n.id));
  return { total, notifications: notifications.map((n) => notificationView(n, attempts)) };
}
