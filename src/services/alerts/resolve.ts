import { Type } from 'typebox';
import { conflict, notFound } from '../../domain/errors.js';
import { strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';
import { resolveAlert } from './close.js';
import { alertView } from './view.js';

export const ResolveInput = strictObject({ note: Type.Optional(Type.String({ maxLength: 2000 })) });

/** Resolves an alert by hand: its escalation ends and those it reached are told. */
export async function resolveAlertByHand({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: number; body: unknown };
}) {
  requireRole(ctx.caller, ['admin', 'agent'], 'resolving an alert');
  const body = parseInput(ResolveInput, input.body ?? {}, 'invalid resolution');
  const now = ctx.time.now();
  return ctx.store.transaction(async (tx) => {
    const alert = await tx.alerts.get(input.id, { lock: true });
    if (!alert) throw notFound(`no alert ${input.id}`);
    if (alert.status === 'resolved') throw conflict(`alert ${alert.id} is already resolved`);
    await resolveAlert(
      tx,
      alert,
      now,
      `resolved by ${ctx.caller.id}${body.note ? `: ${body.note}` : ''}`,
      { notify: true },
    );
    return alertView((await tx.alerts.get(alert.id))!);
  });
}
