import { Type } from 'typebox';
import { SuretyError, conflict, notFound } from '../../domain/errors.js';
import { oneOf, strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import { recorderOf, type ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';
import { pastOrNow } from '../tickets/timestamps.js';
import { applyIncidentEvent, refusal } from './timeline.js';
import { incidentView } from './view.js';

export const IncidentEventInput = strictObject({
  type: oneOf(['acknowledged', 'mitigated', 'resolved', 'note'] as const, {
    description:
      'acknowledged (engineer engaged), mitigated (core functions restored), resolved (fully recovered), or a note',
  }),
  at: Type.Optional(
    Type.String({ description: 'when it happened (RFC 3339, not in the future); now by default' }),
  ),
  note: Type.Optional(Type.String({ maxLength: 10_000 })),
});

/** Adds a step to an incident's timeline: acknowledged, mitigated, resolved, or a note. */
export async function addIncidentEvent({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: number; event: unknown };
}) {
  requireRole(ctx.caller, ['admin', 'agent'], 'changing an incident');
  const body = parseInput(IncidentEventInput, input.event, 'invalid incident event');
  if (body.type === 'note' && !body.note)
    throw new SuretyError('invalid_input', 'invalid incident event: note: a note needs its text', [
      { path: '/note', message: 'required for a note' },
    ]);
  const now = ctx.time.now();
  const at = pastOrNow(body.at, now, 'at');
  return ctx.store.transaction(async (tx) => {
    const incident = await tx.incidents.get(input.id, { lock: true });
    if (!incident) throw notFound(`there is no incident ${input.id}`);
    const why = refusal(incident, body.type, at);
    if (why) throw conflict(`${body.type}: ${why}`);
    const r = await applyIncidentEvent(
      tx,
      ctx.policy,
      incident,
      {
        type: body.type,
        at,
        actor: ctx.caller.id,
        note: body.note ?? null,
        by: recorderOf(ctx.caller),
      },
      now,
    );
    return incidentView(r.incident, r.clocks, now);
  });
}
