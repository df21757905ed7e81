import { Type } from 'typebox';
import { DAY, HOUR } from '../../domain/duration.js';
import { invalidInput, notFound } from '../../domain/errors.js';
import { parseInstant, toIso } from '../../domain/time.js';
import { strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';

export const MonitorHistoryInput = strictObject({
  from: Type.Optional(Type.String({ description: 'RFC 3339; 24 h before `to` by default' })),
  to: Type.Optional(Type.String({ description: 'RFC 3339; now by default' })),
});

/**
 * A monitor's history: per hour and location the checks, failures and latency (mean and
 * slowest), and its down spans per location. At most 31 days at once.
 */
export async function monitorHistory({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string; query: unknown };
}) {
  requireRole(ctx.caller, ['admin', 'agent', 'customer', 'auditor'], 'reading a monitor');
  const q = parseInput(MonitorHistoryInput, input.query ?? {}, 'invalid history query');
  const row = await ctx.store.monitors.get(input.id);
  if (!row || (ctx.caller.role === 'customer' && row.customer !== ctx.caller.customer))
    throw notFound(`there is no monitor "${input.id}"`);
  const instant = (text: string | undefined, field: string, fallback: number) => {
    if (text === undefined) return fallback;
    const t = parseInstant(text);
    if (t === undefined)
      throw invalidInput(
        `invalid history query: ${field}: "${text}" is not a date-time with a time zone`,
        [{ path: `/${field}`, message: 'not an RFC 3339 date-time' }],
      );
    return t;
  };
  const to = instant(q.to, 'to', ctx.time.now());
  const from = instant(q.from, 'from', to - DAY);
  if (to <= from || to - from > 31 * DAY)
    throw invalidInput(
      'invalid history query: the range must end after it starts and span at most 31 days',
      [{ path: '/to', message: 'bad range' }],
    );
  const hours = await ctx.store.checkHours.between(row.id, Math.floor(from / HOUR) * HOUR, to);
  const downtimes = (await ctx.store.downtimes.ofService(row.service, from, to)).filter(
    (d) => d.monitorId === row.id,
  );
  return {
    monitor: row.id,
    from: toIso(from),
    to: toIso(to),
    hours: hours.map((h) => ({
      hour: toIso(h.hour),
      location: h.location,
      checks: h.checks,
      failures: h.failures,
      meanLatencyMs: Math.round((h.latencySum / Math.max(1, h.checks)) * 10) / 10,
      maxLatencyMs: h.latencyMax,
    })),
    downtimes: downtimes.map((d) => ({
      location: d.location,
      from: toIso(d.from),
      to: d.to === null ? null : toIso(d.to),
      cause: d.cause,
      message: d.message,
    })),
  };
}
