import { toMinorUnits } from '../../domain/money.js';
import type { Instant } from '../../domain/time.js';
import type { Policy } from '../../policy/policy.js';
import { canonicalJson } from '../../domain/audit.js';
import { POLICY_FILE, recordAudit } from '../audit/record.js';
import type { Store } from '../store/index.js';

/** Customers declared in the policy file exist in the database too, with the file's terms. */
export async function syncContracts(store: Store, policy: Policy, now: Instant): Promise<void> {
  await store.transaction(async (tx) => {
    for (const c of policy.contracts) {
      const existing = await tx.customers.get(c.id);
      const next = {
        id: c.id,
        name: c.name,
        plan: c.plan,
        monthlyFeeMinor: toMinorUnits(c.monthlyFee, c.currency, `customers.${c.id}.monthlyFee`),
        currency: c.currency,
        overrides: Object.fromEntries([...c.overrides].map(([id, target]) => [id, { target }])),
        createdAt: existing?.createdAt ?? now,
      };
      if (existing && canonicalJson(existing) === canonicalJson(next)) continue;
      await tx.customers.upsert(next);
      await recordAudit(tx, now, POLICY_FILE, [
        {
          action: existing ? 'customer.terms_synced' : 'customer.created',
          type: 'customer',
          id: c.id,
        },
      ]);
    }
  });
}
