import { Type } from 'typebox';
import { invalidInput, notFound } from '../../domain/errors.js';
import { toIso } from '../../domain/time.js';
import { strictObject } from '../../validation/schema-kit.js';
import { requireRole } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';
import type { PolicyVersionSummary } from '../store/index.js';

export const PolicyVersionInput = strictObject({
  hash: Type.String({
    pattern: '^[0-9a-f]{6,64}$',
    description: "a version's SHA-256 (hex), or the start of it (at least 6 characters)",
  }),
});

const summaryView = (v: PolicyVersionSummary, running: number | undefined) => ({
  hash: v.hash,
  effectiveFrom: toIso(v.effectiveFrom),
  loadedAt: toIso(v.loadedAt),
  loadedBy: { id: v.loadedBy.id, name: v.loadedBy.name ?? null },
  running: v.id === running,
});

/** The version this process runs: the newest with its hash (a policy may come back after another). */
const runningId = (versions: readonly PolicyVersionSummary[], hash: string) =>
  versions.find((v) => v.hash === hash)?.id;

/** Every policy Surety was started with whose text changed, newest first (staff). */
export async function listPolicyVersions({ ctx }: { ctx: ServiceContext }) {
  requireRole(ctx.caller, ['admin', 'agent', 'auditor'], 'reading the policy versions');
  const versions = await ctx.store.policyVersions.list();
  const running = runningId(versions, ctx.policy.hash);
  return {
    timezone: ctx.policy.timezone,
    running: ctx.policy.hash,
    versions: versions.map((v) => summaryView(v, running)),
  };
}

/** One version with its full text, by its hash or the start of it (staff). */
export async function getPolicyVersion({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx.caller, ['admin', 'agent', 'auditor'], 'reading a policy version');
  const q = parseInput(PolicyVersionInput, input, 'invalid policy version');
  const versions = await ctx.store.policyVersions.list();
  let hash = q.hash;
  if (hash.length < 64) {
    const matching = [...new Set(versions.map((v) => v.hash).filter((h) => h.startsWith(q.hash)))];
    if (matching.length > 1)
      throw invalidInput(
        `hash: "${q.hash}" is the start of ${matching.length} versions (${matching.map((h) => h.slice(0, 12)).join(', ')}); give more of it`,
      );
    hash = matching[0] ?? hash;
  }
  const v = await ctx.store.policyVersions.byHash(hash);
  if (!v)
    throw notFound(
      `hash: no policy version has the hash "${q.hash}"; GET /api/v1/policy/versions lists them`,
    );
  return { ...summaryView(v, runningId(versions, ctx.policy.hash)), text: v.text };
}
