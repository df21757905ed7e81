import type { TargetOverride } from '../domain/customer.js';
import type { Commitment, Policy, Selector, TargetValue } from './policy.js';

/** What evaluation needs to know of a customer: who it is, its plan and its own terms. */
export interface CustomerTerms {
  readonly id: string;
  readonly plan?: string | undefined;
  readonly overrides: Readonly<Record<string, TargetOverride>>;
}

/**
 * The target a customer is owed for a commitment: its own contract term, else its plan's,
 * else the policy's. The policy file's contracts win over terms stored with the customer,
 * because the file is the reviewed source of truth.
 */
export function effectiveTarget(
  policy: Policy,
  commitment: Commitment,
  customer: CustomerTerms | undefined,
): TargetValue {
  const fallback: TargetValue =
    commitment.type === 'aggregate' ? commitment.target : commitment.targetMs;
  if (!customer) return fallback;
  const contract = policy.contracts.find((c) => c.id === customer.id);
  const fromContract = contract?.overrides.get(commitment.id);
  if (fromContract !== undefined) return fromContract;
  const stored = customer.overrides[commitment.id];
  if (stored !== undefined) return stored.target;
  const planId = contract?.plan ?? customer.plan;
  const fromPlan = planId ? policy.plans.get(planId)?.overrides.get(commitment.id) : undefined;
  return fromPlan ?? fallback;
}

export interface Subject {
  readonly kind?: string | undefined;
  readonly priority?: string | undefined;
  readonly channel?: string | undefined;
  readonly customer?: string | undefined;
  readonly plan?: string | undefined;
}

/** Whether a selector covers a subject; an absent list places no limit. */
export function selects(selector: Selector, s: Subject): boolean {
  const within = (list: readonly string[] | undefined, value: string | undefined) =>
    !list || (value !== undefined && list.includes(value));
  return (
    within(selector.kinds, s.kind) &&
    within(selector.priorities, s.priority) &&
    within(selector.channels, s.channel) &&
    within(selector.customers, s.customer) &&
    within(selector.plans, s.plan)
  );
}
