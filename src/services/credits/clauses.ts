import { toMinorUnits } from '../../domain/money.js';
import type { CreditClause } from '../../consequences/credits/ledger.js';
import type { Policy } from '../../policy/policy.js';

/** Every (commitment, credit consequence) pair the policy declares. */
export function creditClauses(policy: Policy): CreditClause[] {
  const out: CreditClause[] = [];
  for (const c of policy.commitments) {
    for (const name of c.onBreach) {
      const rule = policy.consequences.get(name)?.rule;
      if (rule?.type === 'credit') out.push({ commitment: c.id, consequence: name, rule });
    }
  }
  return out;
}

/**
 * A customer's fee and currency as a month's terms have them: the policy version's contract
 * for a customer the file declares, else what is stored with the customer.
 */
export function feeTerms(
  policy: Policy,
  customer: { readonly id: string; readonly monthlyFeeMinor: number; readonly currency: string },
): { monthlyFeeMinor: number; currency: string } {
  const contract = policy.contracts.find((c) => c.id === customer.id);
  if (!contract) return { monthlyFeeMinor: customer.monthlyFeeMinor, currency: customer.currency };
  return {
    monthlyFeeMinor: toMinorUnits(
      contract.monthlyFee,
      contract.currency,
      `customers.${contract.id}.monthlyFee`,
    ),
    currency: contract.currency,
  };
}
