import { conflict, invalidInput } from '../../domain/errors.js';
import type { Instant } from '../../domain/time.js';
import type { Interval } from './intervals.js';

/**
 * Whether one monitor is down as seen from one location. A single failed check is often the
 * network between the agent and the target, not the target: a monitor is down only after
 * `failuresBeforeDown` consecutive failures, and then from the FIRST failure of that run
 * (the outage began when the target first failed, not when we became sure), until the next
 * success. Counted in time, never in checks.
 */

/** What the stage needs of a check result (`CheckResult` from the probes fits). */
export interface CheckPoint {
  readonly at: Instant;
  readonly ok: boolean;
}

export const DEFAULT_FAILURES_BEFORE_DOWN = 2;

export type MonitorStatus =
  /** No result yet. */
  | { readonly kind: 'pending' }
  | { readonly kind: 'up'; readonly since: Instant }
  /** Failing, but fewer than `failuresBeforeDown` times in a row: still counted as up. */
  | { readonly kind: 'failing'; readonly since: Instant; readonly failures: number }
  /** Down since the first failure of the run; `detectedAt` is the check that reached the threshold. */
  | { readonly kind: 'down'; readonly since: Instant; readonly detectedAt: Instant };

export type StateTransition =
  | { readonly type: 'down'; readonly at: Instant; readonly detectedAt: Instant }
  | { readonly type: 'up'; readonly at: Instant; readonly downSince: Instant };

/** A down span; `open` when the monitor is still down at `now` (then `to` is `now`). */
export interface DownInterval extends Interval {
  readonly open: boolean;
}

/**
 * The live form: feed it one monitor's results at one location in time order; it answers
 * each with the transition that result caused, if any. The batch function below is built on
 * it, so both paths agree by construction.
 */
export class LocationMonitorState {
  #status: MonitorStatus = { kind: 'pending' };
  #lastAt = -Infinity;

  /** `resume`: where a stored machine stood (the live path keeps it between batches of results). */
  constructor(
    readonly failuresBeforeDown: number = DEFAULT_FAILURES_BEFORE_DOWN,
    resume?: { readonly status: MonitorStatus; readonly lastAt: Instant },
  ) {
    if (!Number.isInteger(failuresBeforeDown) || failuresBeforeDown < 1) {
      throw invalidInput(
        `failuresBeforeDown must be a whole number of at least 1, not ${failuresBeforeDown}`,
      );
    }
    if (resume) {
      this.#status = resume.status;
      this.#lastAt = resume.lastAt;
    }
  }

  get status(): MonitorStatus {
    return this.#status;
  }

  observe(result: CheckPoint): StateTransition | null {
    if (result.at < this.#lastAt) {
      throw conflict(
        `check results must come in time order: ${new Date(result.at).toISOString()} came after ${new Date(this.#lastAt).toISOString()}`,
      );
    }
    this.#lastAt = result.at;
    const s = this.#status;
    if (result.ok) {
      this.#status = s.kind === 'up' ? s : { kind: 'up', since: result.at };
      return s.kind === 'down' ? { type: 'up', at: result.at, downSince: s.since } : null;
    }
    if (s.kind === 'down') return null;
    const since = s.kind === 'failing' ? s.since : result.at;
    const failures = s.kind === 'failing' ? s.failures + 1 : 1;
    if (failures >= this.failuresBeforeDown) {
      this.#status = { kind: 'down', since, detectedAt: result.at };
      return { type: 'down', at: since, detectedAt: result.at };
    }
    this.#status = { kind: 'failing', since, failures };
    return null;
  }
}

/**
 * The down spans of one monitor at one location from its results up to `now` (later ones are
 * ignored, as if not yet happened). A span still down at `now` ends there and is `open`; it
 * may be empty when the threshold was reached exactly at `now`.
 */
export function downIntervals(
  results: Iterable<CheckPoint>,
  now: Instant,
  failuresBeforeDown: number = DEFAULT_FAILURES_BEFORE_DOWN,
): DownInterval[] {
  const machine = new LocationMonitorState(failuresBeforeDown);
  const out: DownInterval[] = [];
  for (const r of results) {
    if (r.at > now) break;
    const t = machine.observe(r);
    if (t?.type === 'up') out.push({ from: t.downSince, to: t.at, open: false });
  }
  const s = machine.status;
  if (s.kind === 'down') out.push({ from: s.since, to: now, open: true });
  return out;
}
