import { Type, type Static } from 'typebox';
import { SuretyError, invalidInput } from '../../domain/errors.js';
import { toIso } from '../../domain/time.js';
import { oneOf, strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { audit } from '../audit/record.js';
import { parseInput } from '../parse-input.js';
import type { StoredToken } from '../store/index.js';
import { hashSecret, newSecret, newTokenId } from './secret.js';

export const CreateTokenInput = strictObject({
  role: oneOf(['admin', 'agent', 'customer', 'auditor'] as const),
  customer: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'required for a customer token: the customer it may see',
    }),
  ),
  name: Type.Optional(
    Type.String({ maxLength: 200, description: 'what the token is for, to recognise it later' }),
  ),
});
export type CreateTokenInput = Static<typeof CreateTokenInput>;

export function tokenView(t: StoredToken) {
  return {
    id: t.id,
    role: t.role,
    customer: t.customer,
    name: t.name,
    createdAt: toIso(t.createdAt),
    revokedAt: t.revokedAt === null ? null : toIso(t.revokedAt),
  };
}

/** Issues a token. The secret is returned this once and never again. */
export async function createToken({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx.caller, ['admin'], 'creating a token');
  const body = parseInput(CreateTokenInput, input, 'invalid token request');
  if (body.role === 'customer' && body.customer === undefined) {
    throw invalidInput('customer: a customer token needs the customer it belongs to', [
      { path: '/customer', message: 'required for role customer' },
    ]);
  }
  if (body.role !== 'customer' && body.customer !== undefined) {
    throw invalidInput(
      `customer: only a customer token belongs to a customer; a ${body.role} token sees all`,
      [{ path: '/customer', message: 'only for role customer' }],
    );
  }
  const secret = newSecret();
  const token: StoredToken = {
    id: newTokenId(),
    hash: hashSecret(secret),
    role: body.role,
    customer: body.customer ?? null,
    name: body.name ?? null,
    createdAt: ctx.time.now(),
    revokedAt: null,
  };
  await ctx.store.transaction(async (tx) => {
    if (body.customer !== undefined && !(await tx.customers.get(body.customer))) {
      throw new SuretyError(
        'unknown_reference',
        `customer: there is no customer "${body.customer}"`,
        [{ path: '/customer', message: 'unknown customer' }],
      );
    }
    await tx.tokens.insert(token);
    await audit(tx, ctx, { action: 'token.issued', type: 'token', id: token.id });
  });
  return { ...tokenView(token), token: secret };
}
