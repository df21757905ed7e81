import { Type } from 'typebox';
import { invalidInput, SuretyError } from '../../domain/errors.js';
import { parseInstant, toIso } from '../../domain/time.js';
import { onCallAt } from '../../consequences/oncall/schedule.js';
import { quietUntil } from '../../consequences/oncall/quiet-hours.js';
import { strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';

export const OnCallInput = strictObject({
  at: Type.Optional(Type.String({ description: 'an RFC 3339 date-time; now by default' })),
  schedule: Type.Optional(Type.String({ minLength: 1 })),
});

/** Who is on call, per schedule, at a moment (now by default), until when, and who is in quiet hours. */
export async function whoIsOnCall({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx.caller, ['admin', 'agent', 'auditor'], 'reading on-call schedules');
  const q = parseInput(OnCallInput, input, 'invalid on-call query');
  const at = q.at === undefined ? ctx.time.now() : parseInstant(q.at);
  if (at === undefined)
    throw invalidInput(
      `at: "${q.at}" is not a date-time with a time zone, like 2026-10-05T09:30:00Z`,
      [{ path: '/at', message: 'not a date-time' }],
    );
  const n = ctx.policy.notifications;
  if (q.schedule !== undefined && !n.schedules.has(q.schedule))
    throw new SuretyError(
      'not_found',
      `no schedule is named "${q.schedule}"; known: ${[...n.schedules.keys()].join(', ') || 'none'}`,
    );
  const person = (id: string) => ({ id, name: n.people.get(id)?.name ?? id });
  return {
    at: toIso(at),
    schedules: [...n.schedules.values()]
      .filter((s) => q.schedule === undefined || s.name === q.schedule)
      .map((s) => {
        const now = onCallAt(s, at);
        const next = onCallAt(s, now.until);
        return {
          schedule: s.name,
          timezone: s.timezone,
          onCall: person(now.person),
          since: toIso(now.from),
          until: toIso(now.until),
          override: now.override,
          next: person(next.person),
        };
      }),
    quiet: [...n.people.values()]
      .filter((p) => p.quietHours !== undefined)
      .flatMap((p) => {
        const until = quietUntil(n.quietHours.get(p.quietHours!)!, at, 'warning');
        return until === null ? [] : [{ ...person(p.id), until: toIso(until) }];
      }),
  };
}
