import { Type } from 'typebox';
import { oneOf, strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import { parseInput } from '../parse-input.js';
import { alertView } from './view.js';
export const ListAlertsInput = strictObject({
    status: Type.Optional(oneOf(['open', 'triggered', 'acknowledged', 'resolved', 'all'], { description: 'open (triggered or acknowledged, the default), one status, or all' })),
    customer: Type.Optional(Type.String({ minLength: 1 })),
    limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$', description: 'page size, up to 500 (50 by default)' })),
    offset: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$' })),
});
/** Alerts, newest first; staff only (alerts name people and internal routes). */
export async function listAlerts({ ctx, input }) {
    requireRole(ctx.caller, ['admin', 'agent'], 'reading alerts');
    const q = parseInput(ListAlertsInput, input, 'invalid alert query');
    const status = q.status ?? 'open';
    const statuses = status === 'all' ? undefined : status === 'open' ? ['triggered', 'acknowledged'] : [status];
    const { alerts, total } = await ctx.store.alerts.list({ statuses, customer: q.customer, limit: Math.min(Number(q.limit ?? 50), 500), offset: Number(q.offset ?? 0) });
    return { total, alerts: alerts.map(alertView) };
}
//# sourceMappingURL=list.js.map