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
