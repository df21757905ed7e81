import { Type } from 'typebox';
import { invalidInput } from '../../domain/errors.js';
import { toIso } from '../../domain/time.js';
import { strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { audit } from '../audit/record.js';
import { parseInput } from '../parse-input.js';
import { hashSecret, newSecret, newTokenId } from '../tokens/secret.js';
import { LOCAL, LOCATION } from './location.js';

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
    await audit(tx, ctx, { action: 'token.issued', type: 'token', id });
  });
  return { id, role: 'probe', location: body.location, token: secret, createdAt: toIso(now) };
}
