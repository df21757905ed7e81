import { Type, type Static } from 'typebox';
import { SuretyError, invalidInput } from '../../domain/errors.js';
import { isCurrencyCode, toMinorUnits } from '../../domain/money.js';
import { strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { audit } from '../audit/record.js';
import { parseInput } from '../parse-input.js';
import { parseOverrides } from './overrides.js';
import { customerView } from './view.js';

export const CreateCustomerInput = strictObject({
  id: Type.String({
    pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$',
    description: 'letters, digits, "-", "_", "." (up to 64)',
  }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  monthlyFee: Type.Number({
    minimum: 0,
    maximum: 1e12,
    description: 'the monthly service fee, in major units (yuan, euros)',
  }),
  currency: Type.Optional(
    Type.String({
      pattern: '^[A-Z]{3}$',
      description: 'an ISO 4217 code like CNY; the policy currency when omitted',
    }),
  ),
  plan: Type.Optional(Type.String({ minLength: 1 })),
  overrides: Type.Optional(
    Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]), {
      description: 'commitment id → target, like { "C-01": "10m" }',
    }),
  ),
});
export type CreateCustomerInput = Static<typeof CreateCustomerInput>;

export async function createCustomer({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx.caller, ['admin'], 'creating a customer');
  const body = parseInput(CreateCustomerInput, input, 'invalid customer');
  const currency = body.currency ?? ctx.policy.currency;
  if (!isCurrencyCode(currency))
    throw invalidInput(`currency: "${currency}" is not an ISO 4217 currency code`, [
      { path: '/currency', message: 'not an ISO 4217 code' },
    ]);
  if (body.plan !== undefined && !ctx.policy.plans.has(body.plan)) {
    throw new SuretyError(
      'unknown_reference',
      `plan: the policy has no plan "${body.plan}"; it has ${[...ctx.policy.plans.keys()].join(', ') || 'none'}`,
      [{ path: '/plan', message: 'unknown plan' }],
    );
  }
  const customer = {
    id: body.id,
    name: body.name,
    plan: body.plan,
    monthlyFeeMinor: toMinorUnits(body.monthlyFee, currency, 'monthlyFee'),
    currency,
    overrides: parseOverrides(ctx.policy, body.overrides, 'overrides'),
    createdAt: ctx.time.now(),
  };
  await ctx.store.transaction(async (tx) => {
    if (await tx.customers.get(customer.id))
      throw new SuretyError('conflict', `a customer with the id "${customer.id}" already exists`);
    await tx.customers.insert(customer);
    await audit(tx, ctx, { action: 'customer.created', type: 'customer', id: customer.id });
  });
  return customerView(customer, ctx.policy);
}
