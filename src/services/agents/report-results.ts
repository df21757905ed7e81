import { Type } from 'typebox';
import { MINUTE } from '../../domain/duration.js';
import { toIso } from '../../domain/time.js';
import { FAILURE_CAUSES, WARNING_CODES } from '../../sources/probes/check-result.js';
import { oneOf, strictObject } from '../../validation/schema-kit.js';
import type { ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';
import { recordResults } from '../monitors/record-results.js';
import { locationOf } from './location.js';
import { seen } from './seen.js';

/** How far ahead of our clock an agent's result may be stamped (its clock may run a little fast). */
const FUTURE_SKEW = MINUTE;

const ResultSchema = Type.Object(
  {
    ok: Type.Boolean(),
    at: Type.Number({ description: 'when the check started, epoch ms' }),
    latencyMs: Type.Number({ minimum: 0 }),
    cause: Type.Optional(oneOf(FAILURE_CAUSES)),
    message: Type.Optional(Type.String({ maxLength: 2000 })),
    warning: Type.Optional(
      Type.Object({ code: oneOf(WARNING_CODES), message: Type.String({ maxLength: 2000 }) }),
    ),
    details: Type.Optional(Type.Object({}, { additionalProperties: true })),
  },
  { additionalProperties: false },
);

export const AgentResultsInput = strictObject({
  results: Type.Array(
    strictObject({ monitor: Type.String({ minLength: 1 }), result: ResultSchema }),
    { maxItems: 10_000 },
  ),
  version: Type.Optional(Type.String({ maxLength: 100 })),
});

/** POST /agent/results: a batch of check results from one location (also the agent's heartbeat). */
export async function agentResults({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { location: string; body: unknown };
}) {
  const location = await locationOf(ctx, input.location, 'report its results');
  const body = parseInput(AgentResultsInput, input.body, 'invalid results');
  const now = ctx.time.now();
  const future = body.results.filter((r) => r.result.at > now + FUTURE_SKEW);
  const fine = body.results.filter((r) => r.result.at <= now + FUTURE_SKEW);
  return ctx.store.transaction(async (tx) => {
    await seen(tx, ctx.policy, location, now, body.version ?? null);
    const outcome = await recordResults(tx, ctx.policy, location, fine, now);
    return {
      location,
      accepted: outcome.accepted,
      ignored: [
        ...outcome.ignored,
        ...future.map((r) => ({
          monitor: r.monitor,
          at: r.result.at,
          reason: `from the future (${toIso(r.result.at)}, it is ${toIso(now)} here): the agent's clock is ahead`,
        })),
      ].map((i) => ({ ...i, at: toIso(i.at) })),
    };
  });
}
