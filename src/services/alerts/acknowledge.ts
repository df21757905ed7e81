import { Type } from 'typebox';
import { conflict, notFound } from '../../domain/errors.js';
import { strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';
import { alertView } from './view.js';

export const AcknowledgeInput = strictObject({
  note: Type.Optional(
    Type.String({ maxLength: 2000, description: 'what is being done, for the record' }),
  ),
  by: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'who acknowledges (the token by default)',
    }),
  ),
});

/**
 * Acknowledges an alert: someone has it. The climb stops (no further levels, no repeats)
 * and pages not yet delivered are cancelled. Acknowledging twice is harmless.
 */
export async function acknowledgeAlert({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: number; body: unknown };
}) {
  requireRole(ctx.caller, ['admin', 'agent'], 'acknowledging an alert');
  const body = parseInput(AcknowledgeInput, input.body ?? {}, 'invalid acknowledgement');
  const now = ctx.time.now();
  return ctx.store.transaction(async (tx) => {
    const alert = await tx.alerts.get(input.id, { lock: true });
    if (!alert) throw notFound(`no alert ${input.id}`);
    if (alert.status === 'resolved')
      throw conflict(
        `alert ${alert.id} is already resolved (${alert.resolution ?? ''}); there is nothing to acknowledge`,
      );
    if (alert.status === 'acknowledged') return alertView(alert);
    const by = body.by ?? ctx.caller.id;
    await tx.alerts.update(
      alert.id,
      {
        status: 'acknowledged',
        acknowledgedAt: now,
        acknowledgedBy: by,
        nextAt: null,
        updatedAt: now,
      },
      { statuses: ['triggered'] },
    );
    const cancelled = await tx.notifications.cancelPending(alert.id, `alert acknowledged by ${by}`);
    await tx.alerts.log({
      alertId: alert.id,
      at: now,
      kind: 'acknowledged',
      message: `acknowledged by ${by}${body.note ? `: ${body.note}` : ''}; escalation stopped${cancelled > 0 ? `, ${cancelled} undelivered page${cancelled === 1 ? '' : 's'} cancelled` : ''}`,
    });
    return alertView((await tx.alerts.get(alert.id))!);
  });
}
