import { fromMinorUnits } from '../../domain/money.js';
import { toIso } from '../../domain/time.js';
import { formatTarget } from '../../policy/format-target.js';
/** A customer as the API and CLI show it: money in major units, targets as people write them. */
export function customerView(customer, policy) {
    const overrides = {};
    for (const [id, o] of Object.entries(customer.overrides)) {
        const c = policy.commitments.find((x) => x.id === id);
        overrides[id] = c ? formatTarget(c, o.target) : String(o.target);
    }
    return {
        id: customer.id,
        name: customer.name,
        plan: customer.plan ?? null,
        monthlyFee: fromMinorUnits(customer.monthlyFeeMinor, customer.currency),
        currency: customer.currency,
        overrides,
        createdAt: toIso(customer.createdAt),
    };
}
//# sourceMappingURL=view.js.map