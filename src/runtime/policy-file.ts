import { readFileSync } from 'node:fs';
import { SuretyError } from '../domain/errors.js';
import { parsePolicy, PolicyError } from '../policy/load.js';
import type { Policy } from '../policy/policy.js';

/** Reads and compiles the policy file; every problem it has is in the error. */
export function loadPolicyFile(file: string): Policy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const reason =
      (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new SuretyError('invalid_input', `cannot read the policy file ${file}: ${reason}`);
  }
  const { policy, problems } = parsePolicy(text, file);
  if (!policy) throw new PolicyError(problems);
  return policy;
}
