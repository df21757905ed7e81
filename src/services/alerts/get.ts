import { notFound } from '../../domain/errors.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { alertLogView, alertView, notificationView } from './view.js';

/** One alert with its timeline and every notification sent for it, attempt by attempt. */
export async function getAlert({ ctx, input }: { ctx: ServiceContext; input: { id: number } }) {
  requireRole(ctx.caller, ['admin', 'agent', 'auditor'], 'reading alerts');
  const alert = await ctx.store.alerts.get(input.id);
  if (!alert) throw notFound(`no alert ${input.id}`);
  const { notifications } = await ctx.store.notifications.list({
    alertId: alert.id,
    limit: 500,
    offset: 0,
  });
  const attempts = await ctx.store.notifications.attemptsOf(notifications.map((n) => n.id));
  return {
    ...alertView(alert),
    log: (await ctx.store.alerts.logOf(alert.id)).map(alertLogView),
    notifications: notifications.reverse().map((n) => notificationView(n, attempts)),
  };
}
