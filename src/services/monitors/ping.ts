import { Type } from 'typebox';
import { invalidInput, notFound } from '../../domain/errors.js';
import { toIso } from '../../domain/time.js';
import { strictObject } from '../../validation/schema-kit.js';
import { requireRole, scopeOf } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import type { HeartbeatReportKind, MonitorRow, Store } from '../store/index.js';
import { parseInput } from '../parse-input.js';
import type { TimeSource } from '../../domain/time.js';

/** What a failure's message may hold: enough for "disk full on /backup", short enough for every alert channel. */
export const PING_MESSAGE_MAX = 200;

/** A JSON body of a ping; a text body is the message itself. */
export const PingBody = strictObject({
  msg: Type.Optional(
    Type.String({
      description: `what went wrong, kept as the cause of a /fail (at most ${PING_MESSAGE_MAX} characters; ignored on other pings)`,
    }),
  ),
});

/** What the job says (`success`: it ran; `fail`: it ran and failed; `start`: it began) and, on a failure, its own words: text, or `{ msg }`. */
export interface PingInput {
  readonly kind: HeartbeatReportKind;
  readonly message?: unknown;
}

/**
 * A heartbeat: the job (a cron run, a backup) says it ran, failed or started. Over its secret
 * ping URL, which needs no token (a cron line holds no credentials), or over the API with a
 * token. The report is kept; the heartbeat's checker turns it into a check (a failure is a
 * failed check with the job's message as its cause), so it moves the same state, incidents
 * and uptime as any check.
 */
export async function pingByKey(
  store: Store,
  time: TimeSource,
  input: { key: string } & PingInput,
) {
  const message = messageOf(input);
  const row = await store.monitors.byPingKey(input.key);
  if (!row || row.type !== 'heartbeat') throw notFound('no heartbeat monitor has this ping URL');
  return record(store, row, input.kind, message, time.now());
}

export async function pingMonitor({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string } & PingInput;
}) {
  requireRole(ctx.caller, ['admin', 'agent', 'customer'], 'pinging a heartbeat');
  const message = messageOf(input);
  const row = await ctx.store.monitors.get(input.id);
  const scope = scopeOf(ctx.caller);
  if (
    !row ||
    row.removedAt !== null ||
    row.type !== 'heartbeat' ||
    (scope !== undefined && row.customer !== scope)
  )
    throw notFound(`there is no heartbeat monitor "${input.id}"`);
  return record(ctx.store, row, input.kind, message, ctx.time.now());
}

/** A failure's message, on one line; other pings carry none (a success that posts its log is not refused for its size). */
function messageOf(input: PingInput): string | null {
  if (input.kind !== 'fail' || input.message === undefined) return null;
  const raw =
    typeof input.message === 'string'
      ? input.message
      : parseInput(PingBody, input.message, 'invalid ping').msg;
  if (raw === undefined) return null;
  const text = raw.replace(/\s+/g, ' ').trim();
  const length = [...text].length;
  if (length > PING_MESSAGE_MAX) {
    throw invalidInput(
      `the failure message is ${length} characters long; at most ${PING_MESSAGE_MAX} are kept (send its last line, e.g. tail -c ${PING_MESSAGE_MAX})`,
      [{ path: '/msg', message: `longer than ${PING_MESSAGE_MAX} characters` }],
    );
  }
  return text === '' ? null : text;
}

async function record(
  store: Store,
  row: MonitorRow,
  kind: HeartbeatReportKind,
  message: string | null,
  now: number,
) {
  await store.transaction((tx) => tx.heartbeats.record(row.id, { kind, at: now, message }));
  return { monitor: row.id, kind, pingedAt: toIso(now), ...(message !== null ? { message } : {}) };
}
