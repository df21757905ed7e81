import type { TargetOverride } from '../../domain/customer.js';
import { invalidInput, type ErrorDetail } from '../../domain/errors.js';
import type { Policy } from '../../policy/policy.js';
import { parseTarget } from '../../policy/targets.js';

/** Reads per-customer target overrides against the policy, reporting every bad one. */
export function parseOverrides(
  policy: Policy,
  raw: Readonly<Record<string, string | number>> | undefined,
  where: string,
): Record<string, TargetOverride> {
  const out: Record<string, TargetOverride> = {};
  const problems: ErrorDetail[] = [];
  for (const [id, value] of Object.entries(raw ?? {})) {
    const c = policy.commitments.find((x) => x.id === id);
    if (!c) {
      problems.push({
        path: `/${where}/${id}`,
        message: `no commitment has the id "${id}"; the policy has ${policy.commitments.map((x) => x.id).join(', ')}`,
      });
      continue;
    }
    const t = parseTarget(c, value);
    if (typeof t === 'string') problems.push({ path: `/${where}/${id}`, message: t });
    else out[id] = { target: t };
  }
  if (problems.length > 0)
    throw invalidInput(`${where}: ${problems.map((p) => p.message).join('; ')}`, problems);
  return out;
}
