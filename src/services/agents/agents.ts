import { Type } from 'typebox';
import { MINUTE } from '../../domain/duration.js';
import { SuretyError, invalidInput } from '../../domain/errors.js';
import { toIso, type Instant } from '../../domain/time.js';
import type { Policy } from '../../policy/policy.js';
import { FAILURE_CAUSES, WARNING_CODES } from '../../sources/probes/check-result.js';
import { oneOf, strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';
import { recordResults } from '../monitors/record-results.js';
import { settleService } from '../monitors/settle-service.js';
import type { Signal, Store } from '../store/index.js';
import { hashSecret, newSecret, newTokenId } from '../tokens/secret.js';

export const LOCAL = 'local';
const LOCATION = /^[a-z0-9][a-z0-9_-]{0,62}$/;
/** How far ahead of our clock an agent's result may be stamped (its clock may run a little fast). */
const FUTURE_SKEW = MINUTE;

/** The location a caller reports for: a probe token's own, or the one a staff token names. */
async function locationOf(ctx: ServiceContext, requested: string): Promise<string> {
  requireRole(ctx.caller, ['admin', 'agent', 'probe'], 'running a probe agent');
  if (!LOCATION.test(requested))
    throw invalidInput(
      `location: "${requested}" is not a location name (lower-case letters, digits, "-" or "_")`,
      [{ path: '/location', message: 'not a location name' }],
    );
  if (requested === LOCAL)
    throw invalidInput(
      'location: "local" is the server itself; give the agent its own location name',
      [{ path: '/location', message: 'reserved' }],
    );
  if (ctx.caller.role === 'probe') {
    const bound = await ctx.store.agents.tokenLocation(ctx.caller.id);
    if (bound !== requested)
      throw new SuretyError(
        'forbidden',
        `this probe token belongs to location "${bound ?? '?'}", not "${requested}"`,
      );
  }
  return requested;
}

/** Notes that an agent reported in; an agent back from silence ends its silence (and says so). */
async function seen(
  tx: Store,
  policy: Policy,
  location: string,
  now: Instant,
  version: string | null,
): Promise<Signal[]> {
  const a = await tx.agents.get(location);
  await tx.agents.save({
    location,
    firstSeenAt: a?.firstSeenAt ?? now,
    lastSeenAt: now,
    silentSince: null,
    version: version ?? a?.version ?? null,
  });
  if (!a || a.silentSince === null) return [];
  await tx.agents.closeSilence(location, now);
  const out = await tx.signals.append([
    {
      at: now,
      recordedAt: now,
      type: 'agent.back',
      subjectType: 'agent',
      subjectId: location,
      commitment: null,
      customer: null,
      data: { silentSince: toIso(a.silentSince), silentMs: now - a.silentSince },
      dedupeKey: `agent:${location}:back:${now}`,
    },
  ]);
  for (const service of await servicesAt(tx, location))
    out.push(...(await settleService(tx, policy, service, now, now)));
  return out;
}

async function servicesAt(tx: Store, location: string): Promise<string[]> {
  return [
    ...new Set(
      (await tx.monitors.list())
        .filter((m) => m.locations.includes(location))
        .map((m) => m.service),
    ),
  ];
}

/** GET /agent/monitors: what an agent at `location` runs, as definitions it compiles itself. */
export async function agentMonitors({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { location: string; version?: string };
}) {
  const location = await locationOf(ctx, input.location);
  const now = ctx.time.now();
  await ctx.store.transaction((tx) => seen(tx, ctx.policy, location, now, input.version ?? null));
  const monitors = (await ctx.store.monitors.list()).filter(
    (m) => m.locations.includes(location) && m.type !== 'heartbeat',
  );
  return {
    location,
    monitors: monitors.map((m) => ({ id: m.id, definition: m.definition })),
    // An agent reports well within the silence limit, so one lost request is not silence.
    reportSeconds: Math.max(
      1,
      Math.min(10, Math.floor(ctx.policy.availability.agentSilentAfterMs / 4000)),
    ),
    refreshSeconds: 30,
    silentAfterSeconds: ctx.policy.availability.agentSilentAfterMs / 1000,
  };
}

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
  const location = await locationOf(ctx, input.location);
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

/**
 * Agents not heard from for `agentSilentAfter` become silent: an alert about the agent, and
 * their location has no say (unknown) from its last report on, neither up nor down.
 */
export async function detectSilentAgents(
  store: Store,
  policy: Policy,
  now: Instant,
): Promise<Signal[]> {
  const limit = policy.availability.agentSilentAfterMs;
  const out: Signal[] = [];
  for (const a of await store.agents.list()) {
    if (a.silentSince !== null || now - a.lastSeenAt <= limit) continue;
    out.push(
      ...(await store.transaction(async (tx) => {
        const fresh = await tx.agents.get(a.location);
        if (!fresh || fresh.silentSince !== null || now - fresh.lastSeenAt <= limit) return [];
        await tx.agents.save({ ...fresh, silentSince: fresh.lastSeenAt });
        await tx.agents.openSilence(fresh.location, fresh.lastSeenAt);
        const signals = await tx.signals.append([
          {
            at: fresh.lastSeenAt + limit,
            recordedAt: now,
            type: 'agent.silent',
            subjectType: 'agent',
            subjectId: fresh.location,
            commitment: null,
            customer: null,
            data: {
              lastSeenAt: toIso(fresh.lastSeenAt),
              silentAfterMs: limit,
              note: 'the agent stopped reporting; its location has no say until it is back (not an outage of what it watches)',
            },
            dedupeKey: `agent:${fresh.location}:silent:${fresh.lastSeenAt}`,
          },
        ]);
        for (const service of await servicesAt(tx, fresh.location))
          signals.push(...(await settleService(tx, policy, service, now, now)));
        return signals;
      })),
    );
  }
  return out;
}

export const CreateProbeTokenInput = strictObject({
  location: Type.String({
    pattern: LOCATION.source,
    description: 'the location the agent runs at, like frankfurt',
  }),
  name: Type.Optional(Type.String({ maxLength: 200 })),
});

/** A token for `surety agent` at one location: it can fetch that location's monitors and report, nothing else. */
export async function createProbeToken({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx.caller, ['admin'], 'creating a probe token');
  const body = parseInput(CreateProbeTokenInput, input, 'invalid probe token request');
  if (body.location === LOCAL)
    throw invalidInput(
      'location: "local" is the server itself; give the agent its own location name',
      [{ path: '/location', message: 'reserved' }],
    );
  const secret = newSecret();
  const id = newTokenId();
  const now = ctx.time.now();
  await ctx.store.transaction(async (tx) => {
    await tx.tokens.insert({
      id,
      hash: hashSecret(secret),
      role: 'probe',
      customer: null,
      name: body.name ?? `probe agent at ${body.location}`,
      createdAt: now,
      revokedAt: null,
    });
    await tx.agents.bindToken(id, body.location);
  });
  return { id, role: 'probe', location: body.location, token: secret, createdAt: toIso(now) };
}

/** GET /agents: every location that reported, and whether it is silent. */
export async function listAgents({ ctx }: { ctx: ServiceContext }) {
  requireRole(ctx.caller, ['admin', 'agent'], 'listing agents');
  return {
    agents: (await ctx.store.agents.list()).map((a) => ({
      location: a.location,
      state: a.silentSince === null ? 'reporting' : 'silent',
      firstSeenAt: toIso(a.firstSeenAt),
      lastSeenAt: toIso(a.lastSeenAt),
      silentSince: a.silentSince === null ? null : toIso(a.silentSince),
      version: a.version,
    })),
  };
}
