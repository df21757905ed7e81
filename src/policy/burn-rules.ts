import { DAY, HOUR, MINUTE, type Millis } from '../domain/duration.js';

/**
 * The burn-rate alert rules a policy declares for its services (evaluated in
 * evaluate/availability/burn-rate.ts): a rule fires when both its long and its short window burn
 * the error budget faster than its factor.
 */
export type BurnSeverity = 'page' | 'ticket';

export interface BurnRule {
  readonly name: string;
  readonly longWindowMs: Millis;
  readonly shortWindowMs: Millis;
  /** Fires above this burn rate; precision 0.001. */
  readonly factor: number;
  readonly severity: BurnSeverity;
}

/** The workbook's recommendation for a 30-day 99.9 % SLO: 2 % of the budget in 1 h, 5 % in 6 h, 10 % in 3 d. */
export const DEFAULT_BURN_RULES: readonly BurnRule[] = [
  {
    name: 'page-1h',
    longWindowMs: HOUR,
    shortWindowMs: 5 * MINUTE,
    factor: 14.4,
    severity: 'page',
  },
  {
    name: 'page-6h',
    longWindowMs: 6 * HOUR,
    shortWindowMs: 30 * MINUTE,
    factor: 6,
    severity: 'page',
  },
  {
    name: 'ticket-3d',
    longWindowMs: 3 * DAY,
    shortWindowMs: 6 * HOUR,
    factor: 1,
    severity: 'ticket',
  },
];
