import { Type } from 'typebox';
import { MINUTE } from '../../domain/duration.js';
import { invalidInput } from '../../domain/errors.js';
import { parseInstant, toIso, type Instant } from '../../domain/time.js';
import { parseMaintenance } from '../../policy/maintenance-parse.js';
import { strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import type { MaintenanceRow } from '../store/index.js';
import type { ServiceContext } from '../context.js';
import { audit } from '../audit/record.js';
import { parseInput } from '../parse-input.js';
import { maintenanceView } from './view.js';

/** How far in the past a window may start: clock skew between the caller and us, no more. */
export const START_SKEW = MINUTE;

export const CreateMaintenanceInput = strictObject({
  service: Type.String({
    pattern: '^([A-Za-z0-9][A-Za-z0-9_.-]*|\\*)$',
    description: 'the service it is for, or "*" for every service',
  }),
  start: Type.Optional(
    Type.String({
      description: 'a one-off window: its start (RFC 3339 with offset); not in the past',
    }),
  ),
  end: Type.Optional(Type.String({ description: 'a one-off window: its end' })),
  every: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'a recurring window instead, like "every week on sun 02:00-03:00 in Asia/Shanghai"',
    }),
  ),
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
});

/**
 * Declares planned maintenance ahead of time: downtime inside it is planned, not unplanned
 * (C-06), and it is left out of the uptime's measured time (C-05). A window cannot start in the
 * past: declared in the middle of an outage, it would turn that outage into planned work.
 */
export async function createMaintenance({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx.caller, ['admin', 'agent'], 'declaring maintenance');
  const body = parseInput(CreateMaintenanceInput, input, 'invalid maintenance window');
  const now = ctx.time.now();
  const service = body.service === '*' ? null : body.service;
  let row: Omit<MaintenanceRow, 'id'>;
  if (body.every !== undefined) {
    if (body.start !== undefined || body.end !== undefined)
      throw invalidInput(
        'invalid maintenance window: give either start and end (one-off) or every (recurring), not both',
        [{ path: '/every', message: 'conflicts with start/end' }],
      );
    const parsed = parseMaintenance(body.every, ctx.policy.timezone);
    if (!parsed.ok || parsed.window.kind !== 'recurring') {
      throw invalidInput(
        `invalid maintenance window: every: ${parsed.ok ? 'write a recurring window like "every day 03:00-03:30"' : parsed.problems.join('; ')}`,
        [{ path: '/every', message: 'not a recurring window' }],
      );
    }
    row = {
      service,
      title: body.title ?? body.every,
      kind: 'recurring',
      spec: body.every,
      from: null,
      to: null,
      declaredAt: now,
      until: null,
      source: 'api',
      policyKey: null,
      createdBy: ctx.caller.id,
      cancelledAt: null,
    };
  } else {
    const start = instant(body.start, 'start');
    const end = instant(body.end, 'end');
    if (end <= start)
      throw invalidInput(
        `invalid maintenance window: end: ${body.end} is not after the start (${body.start})`,
        [{ path: '/end', message: 'not after start' }],
      );
    if (start < now - START_SKEW) {
      throw invalidInput(
        `invalid maintenance window: start: ${body.start} is in the past (it is now ${toIso(now)}); maintenance is declared ahead of time, so downtime that already happened stays unplanned`,
        [{ path: '/start', message: 'in the past' }],
      );
    }
    row = {
      service,
      title: body.title ?? `Maintenance ${toIso(start)} – ${toIso(end)}`,
      kind: 'once',
      spec: null,
      from: start,
      to: end,
      declaredAt: Math.min(now, start),
      until: null,
      source: 'api',
      policyKey: null,
      createdBy: ctx.caller.id,
      cancelledAt: null,
    };
  }
  const id = await ctx.store.transaction(async (tx) => {
    const id = await tx.maintenance.insert(row);
    await audit(tx, ctx, { action: 'maintenance.declared', type: 'maintenance', id });
    return id;
  });
  return maintenanceView({ ...row, id });
}

function instant(text: string | undefined, field: 'start' | 'end'): Instant {
  if (text === undefined)
    throw invalidInput(
      `invalid maintenance window: ${field}: required for a one-off window (or give "every" for a recurring one)`,
      [{ path: `/${field}`, message: 'required' }],
    );
  const t = parseInstant(text);
  if (t === undefined)
    throw invalidInput(
      `invalid maintenance window: ${field}: "${text}" is not a date-time with a time zone, like 2026-10-10T02:00:00+08:00`,
      [{ path: `/${field}`, message: 'not an RFC 3339 date-time' }],
    );
  return t;
}
