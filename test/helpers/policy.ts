import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/**
 * The shipped policy with top-level lines added (or a commitment's target changed), written to
 * a file of its own for a server (and the CLI beside it) to run with; returns the path and text.
 */
export function policyFile(
  lines: readonly string[],
  options: { targets?: Record<string, string>; creditPercent?: number } = {},
): { path: string; text: string } {
  let text = readFileSync(DEFAULT_POLICY, 'utf8');
  for (const [id, target] of Object.entries(options.targets ?? {})) {
    const re = new RegExp(`(- id: ${id}\\n(?:    .*\\n)*?    target: )(\\S+)`);
    if (!re.test(text)) throw new Error(`no target of ${id} in the shipped policy`);
    text = text.replace(re, `$1${target}`);
  }
  if (options.creditPercent !== undefined)
    text = text.replace(
      /(response-timeout-credit:\n\s+type: credit\n\s+percentOfMonthlyFee: )\d+/,
      `$1${options.creditPercent}`,
    );
  for (const line of lines) {
    // A top-level key the file already has is replaced, any other added at the end.
    const key = new RegExp(`^${line.split(':')[0]}:.*$`, 'm');
    text = key.test(text) ? text.replace(key, line) : `${text.trimEnd()}\n${line}\n`;
  }
  const path = join(mkdtempSync(join(tmpdir(), 'surety-policy-')), 'guarantee.yaml');
  writeFileSync(path, text);
  policyFrom(text);
  return { path, text };
}
