import { invalidInput } from '../../domain/errors.js';

/**
 * Targets like 99.9 % as whole parts per million, so that budgets and burn-rate thresholds are
 * decided in integers: 0.1 % of a 30-day month is exactly 2,592,000 ms, where floating point
 * (1 − 0.999 = 0.0010000000000000009) would be a hair off at the very boundary.
 */
export const PPM = 1_000_000;

/** The share of time allowed down, in ppm: 99.9 % → 1,000, 100 % → 0. Precision is 0.0001 %. */
export function errorBudgetPpm(targetPercent: number): number {
  if (!(targetPercent > 0 && targetPercent <= 100)) {
    throw invalidInput(
      `an availability target must be above 0 % and at most 100 %, not ${targetPercent} %`,
    );
  }
  return PPM - Math.round(targetPercent * 10_000);
}

/** The most whole milliseconds that may be down out of `measuredMs` and still meet the target. */
export function allowedDownMs(measuredMs: number, budgetPpm: number): number {
  return Number((BigInt(measuredMs) * BigInt(budgetPpm)) / BigInt(PPM));
}
