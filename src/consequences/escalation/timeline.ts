import type { Instant } from '../../domain/time.js';
import type { EscalationLevel, EscalationPolicy } from '../../policy/notifications.js';

/**
 * When an alert pages whom. An alert starting at level `start` (0, or a higher level such
 * as management for an expedited breach) pages that level when it opens, each later level
 * when its delay since the starting level has passed, and then the last level again every
 * `repeat.every`, `repeat.times` times. Acknowledging stops it: the caller stops asking.
 * Pure: the steps are a function of the policy, the start and the opening time.
 */
export interface EscalationStep {
  /** Position in the alert's sequence of steps: 0, 1, 2 … */
  readonly index: number;
  readonly level: number;
  readonly levelName: string;
  /** 0 for the first page of a level, then 1, 2 … for the repeats of the last level. */
  readonly repeat: number;
  readonly at: Instant;
  readonly targets: EscalationLevel['notify'];
}

export function escalationSteps(
  policy: EscalationPolicy,
  start: number,
  openedAt: Instant,
): EscalationStep[] {
  const from = Math.min(Math.max(0, start), policy.levels.length - 1);
  const offset = policy.levels[from]!.afterMs;
  const steps: EscalationStep[] = [];
  for (let i = from; i < policy.levels.length; i++) {
    const level = policy.levels[i]!;
    steps.push({
      index: steps.length,
      level: i,
      levelName: level.name,
      repeat: 0,
      at: openedAt + level.afterMs - offset,
      targets: level.notify,
    });
  }
  const last = steps[steps.length - 1]!;
  for (let r = 1; r <= (policy.repeat?.times ?? 0); r++) {
    steps.push({
      ...last,
      index: steps.length,
      repeat: r,
      at: last.at + r * policy.repeat!.everyMs,
    });
  }
  return steps;
}

/** The steps due by `now` that have not been taken (`done` taken so far), and when the next one falls. */
export function dueSteps(
  policy: EscalationPolicy,
  start: number,
  openedAt: Instant,
  done: number,
  now: Instant,
): { due: EscalationStep[]; nextAt: Instant | null } {
  const steps = escalationSteps(policy, start, openedAt);
  const due = steps.slice(done).filter((s) => s.at <= now);
  const next = steps[done + due.length];
  return { due, nextAt: next ? next.at : null };
}

/** The level to start at: a named one (expedite → management), else the first. Unknown names start at the top. */
export function startLevel(policy: EscalationPolicy, name: string | undefined): number {
  if (name === undefined) return 0;
  const i = policy.levels.findIndex((l) => l.name === name);
  return i >= 0 ? i : policy.levels.length - 1;
}
