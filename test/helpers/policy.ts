import { readFileSync } from 'node:fs';
import { parsePolicyText } from '../../src/runtime/policy-file.js';
import type { Policy } from '../../src/policy/policy.js';
import { DEFAULT_POLICY } from '../../src/runtime/paths.js';

/** The shipped default policy, compiled. */
export function defaultPolicy(): Policy {
  return policyFrom(readFileSync(DEFAULT_POLICY, 'utf8'));
}

/** Compiles policy text, failing the test with every problem if it is invalid. */
export function policyFrom(text: string): Policy {
  const { policy, problems } = parsePolicyText(text, 'test.yaml');
  if (!policy)
    throw new Error(
      `test policy is invalid:\n${problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`).join('\n')}`,
    );
  return policy;
}

export const at = (iso: string): number => {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`bad test time ${iso}`);
  return t;
};
