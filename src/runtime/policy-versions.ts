import { userInfo } from 'node:os';
import type { Logger } from 'pino';
import type { Policy } from '../policy/policy.js';
import { SourceMap } from '../policy/source-map.js';
import type { Caller, ServiceContext } from '../services/context.js';
import { recordPolicyVersion } from '../services/policy/record-version.js';
import { policyTerms, type PolicyTerms } from '../services/policy/terms.js';
import type { Store } from '../services/store/index.js';
import { parsePolicyText } from './policy-file.js';

/** Who started this process, for the record: "system" (serve) or "cli", and the operating-system user. */
export function startedBy(id: 'system' | 'cli'): Caller {
  let name: string | undefined;
  try {
    name = userInfo().username || undefined;
  } catch {
    name = undefined; // no entry in the user database (a container's arbitrary uid)
  }
  return { role: 'admin', id, ...(name ? { name } : {}) };
}

/**
 * Stores the policy this process runs as a new version if its text changed (refused, with the
 * file and line, when it would apply backwards), and returns the terms over time: every stored
 * version, compiled when first needed. A version whose text no longer compiles (a channel type
 * this build lacks) gives way to the next newer one, with a warning.
 */
export async function recordAndLoadTerms(
  ctx: ServiceContext,
  file: string,
  logger?: Logger,
): Promise<PolicyTerms> {
  const pos = SourceMap.parse(ctx.policy.source).map.positionOf(['effectiveFrom']);
  const where = ctx.policy.effectiveFrom === undefined ? file : `${file}:${pos.line}:${pos.column}`;
  const { version, created } = await recordPolicyVersion({ ctx, where });
  if (created)
    logger?.info(
      { hash: version.hash, effectiveFrom: new Date(version.effectiveFrom).toISOString() },
      'policy changed: stored as a new version',
    );
  return termsOf(ctx.store, ctx.policy, logger);
}

async function termsOf(store: Store, current: Policy, logger?: Logger): Promise<PolicyTerms> {
  const versions = await store.policyVersions.all();
  return policyTerms(
    versions.map((v) => {
      let compiled: Policy | undefined | null = v.hash === current.hash ? current : null;
      return {
        id: v.id,
        effectiveFrom: v.effectiveFrom,
        policy() {
          if (compiled !== null) return compiled;
          const label = `policy version ${v.hash.slice(0, 12)}`;
          const { policy, problems } = parsePolicyText(v.text, label);
          if (!policy)
            logger?.warn(
              { hash: v.hash, problems: problems.slice(0, 5) },
              'a stored policy version no longer compiles; the next newer version stands in for it',
            );
          compiled = policy;
          return compiled;
        },
      };
    }),
    current,
  );
}
