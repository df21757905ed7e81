import { readFileSync } from 'node:fs';
import { SuretyError } from '../domain/errors.js';
import { parsePolicy, PolicyError } from '../policy/load.js';
import type { Policy } from '../policy/policy.js';
import { CHANNEL_KINDS } from '../consequences/channels/kinds.js';

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
  const { policy, problems } = parsePolicy(text, file, CHANNEL_KINDS);
  if (!policy) throw new PolicyError(problems);
  return policy;
}

/** Parses a policy's text against the channel kinds this build has (for `surety check`). */
export const parsePolicyText = (text: string, file: string) =>
  parsePolicy(text, file, CHANNEL_KINDS);
