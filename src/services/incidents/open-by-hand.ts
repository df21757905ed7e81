import { Type } from 'typebox';
import { SuretyError, conflict } from '../../domain/errors.js';
import { toIso } from '../../domain/time.js';
import { strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import { recorderOf, type ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';
import { pastOrNow } from '../tickets/timestamps.js';
import { customerOfService } from '../monitors/catalog.js';
import { openIncident } from './timeline.js';
import { incidentView } from './view.js';

export const OpenIncidentInput = strictObject({
  service: Type.String({
    pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$',
    description: 'the service that failed',
  }),
  title: Type.String({ minLength: 1, maxLength: 300 }),
  detectedAt: Type.Optional(
    Type.String({
      description: 'when it was detected (RFC 3339, not in the future); now by default',
    }),
  ),
  customer: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'the contract it counts for, when the service has no monitors to say',
    }),
  ),
  note: Type.Optional(Type.String({ maxLength: 10_000 })),
});

/** Opens an incident by hand (a failure people noticed before, or without, the monitors). */
export async function openIncidentByHand({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx.caller, ['admin', 'agent'], 'opening an incident');
  const body = parseInput(OpenIncidentInput, input, 'invalid incident');
  const now = ctx.time.now();
  const detectedAt = pastOrNow(body.detectedAt, now, 'detectedAt');
  return ctx.store.transaction(async (tx) => {
    const open = await tx.incidents.openFor(body.service);
    if (open)
      throw conflict(
        `service "${body.service}" already has incident ${open.id} open (since ${toIso(open.detectedAt)}); add to its timeline instead`,
      );
    const fromMonitors = await customerOfService(tx, body.service);
    if (body.customer !== undefined && fromMonitors !== null && body.customer !== fromMonitors) {
      throw new SuretyError(
        'conflict',
        `customer: service "${body.service}" counts for customer "${fromMonitors}", not "${body.customer}"`,
        [{ path: '/customer', message: 'differs from the service' }],
      );
    }
    const customer = body.customer ?? fromMonitors;
    if (customer !== null && !(await tx.customers.get(customer)))
      throw new SuretyError('unknown_reference', `customer: there is no customer "${customer}"`, [
        { path: '/customer', message: 'unknown customer' },
      ]);
    const r = await openIncident(
      tx,
      ctx.policy,
      {
        service: body.service,
        customer,
        title: body.title,
        origin: 'manual',
        detectedAt,
        actor: ctx.caller.id,
        note: body.note ?? null,
        by: recorderOf(ctx.caller),
      },
      now,
    );
    return incidentView(r.incident, r.clocks, now);
  });
}
