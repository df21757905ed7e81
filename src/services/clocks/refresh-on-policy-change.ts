import type { ServiceContext } from '../context.js';
import { rederiveCreated } from './rederive.js';

/** The id of the last policy version whose clocks have been re-derived. */
const DONE = 'policy.version';
/** Before versions were kept: the hash of the policy the stored clocks were derived with. */
const LEGACY_HASH = 'policy.hash';

/**
 * When versions were stored since the clocks were last brought in line, re-derives the clocks
 * of the tickets those versions govern: the ones created from the earliest new effectiveFrom
 * on (none, when a change applies from the moment it is loaded). Tickets created before keep
 * the terms they were created under, and tickets of closed months keep their clocks. Returns
 * how many tickets were re-derived, or undefined if nothing changed.
 */
export async function refreshIfPolicyChanged({
  ctx,
  batch = 500,
}: {
  ctx: ServiceContext;
  batch?: number;
}): Promise<number | undefined> {
  const versions = await ctx.store.policyVersions.list(); // newest first
  const latest = versions[0];
  if (!latest) return undefined;
  const done = await ctx.store.meta.get(DONE);
  if (done === String(latest.id)) return undefined;
  const oldest = versions[versions.length - 1]!;
  const legacy = await ctx.store.meta.get(LEGACY_HASH);
  let pending = versions.filter((v) => v.id > Number(done ?? oldest.id));
  // Clocks derived under a policy Surety did not keep: every ticket falls under the first version kept.
  const unknownBefore = done === undefined && legacy !== undefined && legacy !== oldest.hash;
  if (unknownBefore) pending = versions;
  let refreshed = 0;
  if (pending.length > 0) {
    const from = unknownBefore ? -Infinity : Math.min(...pending.map((v) => v.effectiveFrom));
    refreshed = await rederiveCreated({ ctx, from, to: Infinity, batch });
  }
  await ctx.store.meta.set(DONE, String(latest.id));
  await ctx.store.meta.set(LEGACY_HASH, latest.hash);
  return refreshed;
}
