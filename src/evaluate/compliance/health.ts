import type { Commitment } from '../../policy/policy.js';

/** How a commitment stands, at a glance: met with room, met but close, broken, or unknown. */
export type Health = 'green' | 'amber' | 'red' | 'grey';

/** Below this share of the error budget left, a met commitment shows amber. */
export const AMBER_BELOW = 0.25;

export interface HealthInput {
  readonly status: 'met' | 'breached' | 'no_data' | 'not_measured';
  readonly value: number | null;
  readonly breaches: number;
  readonly sample: number;
}

/**
 * The share of the error budget left (1 = untouched, 0 = spent) and the colour. A clock
 * commitment's budget is the clocks it may miss (none at 100 % attainment); a value's is
 * the distance between the target and the best possible value.
 */
export function commitmentHealth(
  c: Commitment,
  e: HealthInput,
  atRisk = 0,
): { health: Health; budgetLeft: number | null } {
  const budgetLeft = budgetOf(c, e);
  if (e.status === 'breached') return { health: 'red', budgetLeft: budgetLeft ?? 0 };
  if (e.status !== 'met') return { health: 'grey', budgetLeft };
  const tight = (budgetLeft !== null && budgetLeft < AMBER_BELOW) || atRisk > 0;
  return { health: tight ? 'amber' : 'green', budgetLeft };
}

const clamp = (x: number) => Math.max(0, Math.min(1, x));

function budgetOf(c: Commitment, e: HealthInput): number | null {
  if (e.value === null || e.sample === 0) return null;
  if (c.type !== 'aggregate') {
    const allowed = Math.floor((1 - c.attainment) * e.sample + 1e-9);
    if (allowed <= 0) return e.breaches === 0 ? 1 : 0;
    return clamp((allowed - e.breaches) / allowed);
  }
  const t = c.target;
  if (t.op === '>=' || t.op === '>') {
    const best = t.unit === 'percent' ? 100 : t.unit === 'score' ? (c.scale ?? 5) : Number.NaN;
    if (!Number.isFinite(best) || best <= t.value) return e.value >= t.value ? 1 : 0;
    return clamp((e.value - t.value) / (best - t.value));
  }
  if (t.value <= 0) return e.value <= 0 ? 1 : 0;
  return clamp((t.value - e.value) / t.value);
}
