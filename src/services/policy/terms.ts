import type { Instant } from '../../domain/time.js';
import type { Policy } from '../../policy/policy.js';

/**
 * The terms over time: which version of the policy governs a ticket, by when it was created.
 * A ticket's clocks are derived from the version in force at its creation, so a change of
 * target applies to tickets from its `effectiveFrom` on, never to the ones before.
 */
export interface PolicyTerms {
  /** The version in force at `t`: the last one whose effectiveFrom is at or before it (the first one before any). */
  at(t: Instant): Policy;
}

/** A stored version as the terms need it; `policy()` compiles its text (once), undefined if it no longer compiles. */
export interface TermsVersion {
  readonly id: number;
  readonly effectiveFrom: Instant;
  policy(): Policy | undefined;
}

/**
 * The terms from the stored versions (any order) and the policy running now, which stands in for
 * a version whose text no longer compiles (and for every instant when nothing is stored).
 */
export function policyTerms(versions: readonly TermsVersion[], current: Policy): PolicyTerms {
  const sorted = [...versions].sort((a, b) => a.effectiveFrom - b.effectiveFrom || a.id - b.id);
  return {
    at(t) {
      let i = sorted.length - 1;
      while (i > 0 && sorted[i]!.effectiveFrom > t) i--;
      for (let j = Math.max(i, 0); j < sorted.length; j++) {
        const p = sorted[j]!.policy();
        if (p) return p;
      }
      return current;
    },
  };
}

/** What a verb needs to find the terms: the running policy and, when the runtime keeps them, its versions. */
export interface HasTerms {
  readonly policy: Policy;
  readonly terms?: PolicyTerms | undefined;
}

/** The version in force at `t`. */
export const policyAt = (ctx: HasTerms, t: Instant): Policy => ctx.terms?.at(t) ?? ctx.policy;

/**
 * The version a period is judged by (its commitments and targets, its credit rules): the one in
 * force at its last instant so far. A month that has ended keeps the terms it ended under.
 */
export const policyOfPeriod = (
  ctx: HasTerms,
  period: { readonly to: Instant },
  now: Instant,
): Policy => policyAt(ctx, Math.min(period.to - 1, now));
