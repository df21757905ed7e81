import { type Millis } from '../../domain/duration.js';
import { invalidInput } from '../../domain/errors.js';
import type { Instant } from '../../domain/time.js';
import { DEFAULT_BURN_RULES, type BurnRule } from '../../policy/burn-rules.js';
import { type Interval, intersect, totalLength } from './intervals.js';
import { PPM, errorBudgetPpm } from './slo.js';

/**
 * How fast the error budget burns, and the multi-window, multi-burn-rate alerts of the Google
 * SRE workbook ("Alerting on SLOs"): a rule fires when both its long and its short window burn
 * faster than its factor — the long window proves the burn is significant, the short one that
 * it is still going on — so a fast burn pages long before the month's budget is gone.
 *
 *   burn rate over w ending at now = (unplanned down time in [now − w, now) / w) / (1 − SLO)
 *
 * A rate of 1 spends the budget exactly over the SLO period. Windows are plain elapsed time
 * (maintenance is not taken out of them: pass unplanned downtime only). "Faster than" is
 * strict and decided in integers; the rates returned are for people.
 */
export interface BurnReading {
  readonly rule: BurnRule;
  readonly longRate: number;
  readonly shortRate: number;
  readonly longBurning: boolean;
  readonly shortBurning: boolean;
  /** Both windows burn faster than the factor. */
  readonly firing: boolean;
}

/** Down time inside the window of length `windowMs` that ends at `now`. */
export const downWithin = (down: Iterable<Interval>, windowMs: Millis, now: Instant): Millis =>
  totalLength(intersect(down, [{ from: now - windowMs, to: now }]));

export function burnRate(
  down: Iterable<Interval>,
  windowMs: Millis,
  now: Instant,
  sloPercent: number,
): number {
  return rate(downWithin(down, windowMs, now), windowMs, budgetOf(sloPercent));
}

export function evaluateBurnRules(
  down: Iterable<Interval>,
  now: Instant,
  sloPercent: number,
  rules: readonly BurnRule[] = DEFAULT_BURN_RULES,
): BurnReading[] {
  const budget = budgetOf(sloPercent);
  const spans = [...down];
  return rules.map((rule) => {
    checkRule(rule);
    const long = downWithin(spans, rule.longWindowMs, now);
    const short = downWithin(spans, rule.shortWindowMs, now);
    const longBurning = faster(long, rule.longWindowMs, budget, rule.factor);
    const shortBurning = faster(short, rule.shortWindowMs, budget, rule.factor);
    return {
      rule,
      longRate: rate(long, rule.longWindowMs, budget),
      shortRate: rate(short, rule.shortWindowMs, budget),
      longBurning,
      shortBurning,
      firing: longBurning && shortBurning,
    };
  });
}

const rate = (downMs: Millis, windowMs: Millis, budgetPpm: number): number =>
  (downMs * PPM) / (windowMs * budgetPpm);

/** downMs / windowMs / (budgetPpm / PPM) > factor, in exact integers (BigInt: the products pass 2^53). */
function faster(downMs: Millis, windowMs: Millis, budgetPpm: number, factor: number): boolean {
  const factorMilli = BigInt(Math.round(factor * 1000));
  return BigInt(downMs) * BigInt(PPM) * 1000n > factorMilli * BigInt(windowMs) * BigInt(budgetPpm);
}

/** A 100 % SLO has no budget to burn: every rate would be infinite. */
function budgetOf(sloPercent: number): number {
  const ppm = errorBudgetPpm(sloPercent);
  if (ppm === 0)
    throw invalidInput(
      'burn rates need an SLO below 100 %: a 100 % target has no error budget to burn',
    );
  return ppm;
}

function checkRule(r: BurnRule): void {
  if (!(
    r.shortWindowMs > 0 &&
    r.longWindowMs > r.shortWindowMs &&
    Number.isInteger(r.shortWindowMs) &&
    Number.isInteger(r.longWindowMs)
  )) {
    throw invalidInput(
      `burn rule "${r.name}": the windows must be whole milliseconds, the short one positive and shorter than the long one`,
    );
  }
  if (!(r.factor > 0))
    throw invalidInput(`burn rule "${r.name}": the factor must be positive, not ${r.factor}`);
}
