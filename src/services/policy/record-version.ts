import { SuretyError } from '../../domain/errors.js';
import { toIso } from '../../domain/time.js';
import { recorderOf, type ServiceContext } from '../context.js';
import { audit } from '../audit/record.js';
import { monthStatusesOver } from '../months/status.js';
import type { PolicyVersionSummary } from '../store/index.js';

const short = (hash: string) => hash.slice(0, 12);

/**
 * Stores the running policy as a new version when its text differs from the version stored
 * last, with who started Surety with it (the caller) and when; returns the version in force
 * and whether it was stored now. Terms change from a date, not backwards: a version that
 * would apply from before the last one, or from inside a closed month, is refused, and
 * nothing is stored. `where` names the file (and the line of effectiveFrom) for messages.
 */
export async function recordPolicyVersion({
  ctx,
  where,
}: {
  ctx: ServiceContext;
  where: string;
}): Promise<{ version: PolicyVersionSummary; created: boolean }> {
  const now = ctx.time.now();
  const policy = ctx.policy;
  return ctx.store.transaction(async (tx) => {
    const last = await tx.policyVersions.latest();
    if (last?.hash === policy.hash) return { version: last, created: false };
    const effectiveFrom = policy.effectiveFrom ?? now;
    const given =
      policy.effectiveFrom === undefined
        ? `effectiveFrom is not given, so the change applies from now (${toIso(now)})`
        : `effectiveFrom ${toIso(effectiveFrom)}`;
    if (last && effectiveFrom < last.effectiveFrom)
      throw refused(
        where,
        `${given}, which is before ${toIso(last.effectiveFrom)}, from when the version stored last applies (${short(last.hash)}, loaded ${toIso(last.loadedAt)} by ${last.loadedBy.name ?? last.loadedBy.id}); terms change from a date, not backwards: set effectiveFrom to ${toIso(last.effectiveFrom)} or later`,
      );
    if (last && effectiveFrom <= now) {
      const closed = (await monthStatusesOver(tx, policy, effectiveFrom, now + 1, now)).filter(
        (m) => m.state === 'closed',
      );
      if (closed.length > 0) {
        const m = closed[closed.length - 1]!;
        throw refused(
          where,
          `${given} reaches back into ${closed.map((c) => c.month).join(', ')}, which ${closed.length === 1 ? 'is' : 'are'} closed (${m.month}: ${m.why}); a closed month is not re-derived: date the change from ${toIso(m.to)} or later, or reopen the month first (surety months reopen ${m.month} --reason "…")`,
        );
      }
    }
    const stored = await tx.policyVersions.insert({
      hash: policy.hash,
      text: policy.source,
      effectiveFrom,
      loadedAt: now,
      loadedBy: recorderOf(ctx.caller),
    });
    await audit(tx, ctx, {
      action: 'policy_version.loaded',
      type: 'policy_version',
      id: policy.hash,
    });
    return {
      version: {
        id: stored.id,
        hash: stored.hash,
        effectiveFrom: stored.effectiveFrom,
        loadedAt: stored.loadedAt,
        loadedBy: stored.loadedBy,
      },
      created: true,
    };
  });
}

function refused(where: string, why: string): SuretyError {
  return new SuretyError('invalid_input', `${where}: ${why}`, [{ path: where, message: why }]);
}
