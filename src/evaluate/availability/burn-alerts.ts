import { conflict } from '../../domain/errors.js';
import type { Instant } from '../../domain/time.js';
import { DEFAULT_BURN_RULES, type BurnRule } from '../../policy/burn-rules.js';
import { type BurnReading, evaluateBurnRules } from './burn-rate.js';
import type { Interval } from './intervals.js';

/**
 * The live form of the burn-rate rules: remembers which fire and reports only the changes.
 * A rule fires when both its windows burn faster than its factor, and resolves when its short
 * window no longer does (the workbook's reset: the long window would keep an alert up for an
 * hour after the burn stopped). Evaluation times must not go backwards.
 */
export type BurnAlertState =
  { readonly kind: 'inactive' } | { readonly kind: 'firing'; readonly since: Instant };

export interface BurnTransition {
  readonly type: 'fired' | 'resolved';
  readonly at: Instant;
  readonly reading: BurnReading;
}

export class BurnAlerts {
  readonly #states = new Map<string, BurnAlertState>();
  #lastNow = -Infinity;

  constructor(
    readonly sloPercent: number,
    readonly rules: readonly BurnRule[] = DEFAULT_BURN_RULES,
  ) {
    for (const r of rules) this.#states.set(r.name, { kind: 'inactive' });
  }

  state(rule: string): BurnAlertState | undefined {
    return this.#states.get(rule);
  }

  /** `down`: the service's unplanned down spans up to `now` (an ongoing one ending at `now`). */
  evaluate(down: Iterable<Interval>, now: Instant): BurnTransition[] {
    if (now < this.#lastNow)
      throw conflict(`burn-rate evaluation went back in time, to ${new Date(now).toISOString()}`);
    this.#lastNow = now;
    const out: BurnTransition[] = [];
    for (const reading of evaluateBurnRules(down, now, this.sloPercent, this.rules)) {
      const name = reading.rule.name;
      const s = this.#states.get(name)!;
      if (s.kind === 'inactive' && reading.firing) {
        this.#states.set(name, { kind: 'firing', since: now });
        out.push({ type: 'fired', at: now, reading });
      } else if (s.kind === 'firing' && !reading.shortBurning) {
        this.#states.set(name, { kind: 'inactive' });
        out.push({ type: 'resolved', at: now, reading });
      }
    }
    return out;
  }
}
