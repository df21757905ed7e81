import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_POLICY } from '../../src/runtime/paths.js';

/** The shipped policy with its availability section replaced by `section` (YAML, indented under availability:). */
export function policyWithAvailability(section: string): string {
  const base = readFileSync(DEFAULT_POLICY, 'utf8');
  const at = base.search(/^availability:/m);
  const head = at >= 0 ? base.slice(0, at) : base;
  const file = join(mkdtempSync(join(tmpdir(), 'surety-policy-')), 'policy.yaml');
  writeFileSync(file, `${head.trimEnd()}\n\navailability:\n${section}\n`);
  return file;
}
