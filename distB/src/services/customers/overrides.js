import { invalidInput } from '../../domain/errors.js';
import { parseTarget } from '../../policy/targets.js';
/** Reads per-customer target overrides against the policy, reporting every bad one. */
export function parseOverrides(policy, raw, where) {
    const out = {};
    const problems = [];
    for (const [id, value] of Object.entries(raw ?? {})) {
        const c = policy.commitments.find((x) => x.id === id);
        if (!c) {
            problems.push({ path: `/${where}/${id}`, message: `no commitment has the id "${id}"; the policy has ${policy.commitments.map((x) => x.id).join(', ')}` });
            continue;
        }
        const t = parseTarget(c, value);
        if (typeof t === 'string')
            problems.push({ path: `/${where}/${id}`, message: t });
        else
            out[id] = { target: t };
    }
    if (problems.length > 0)
        throw invalidInput(`${where}: ${problems.map((p) => p.message).join('; ')}`, problems);
    return out;
}
//# sourceMappingURL=overrides.js.map