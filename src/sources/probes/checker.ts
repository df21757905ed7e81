import type { CheckResult } from './check-result.js';
import type { Monitor, MonitorOfType, MonitorType } from '../../policy/monitors/monitor.js';

/**
 * The one shape every probe type has. `check` never rejects: a refused port, a bad certificate,
 * a silent DNS server or a cancelled check all come back as a CheckResult with a cause. It
 * returns by `monitor.timeoutMs` (plus scheduling slack) and promptly after `signal` aborts.
 * `now` is the check's start as the caller sees it (epoch ms); it becomes `result.at`.
 */
export interface Checker<M extends Monitor = Monitor> {
  readonly type: M['type'];
  check(monitor: M, now: number, signal: AbortSignal): Promise<CheckResult>;
  /** Releases pooled connections; the checker must not be used afterwards. */
  close(): Promise<void>;
}

/** One checker per type: what a scheduler is given, so it never needs to know the types. */
export type CheckerSet = { readonly [T in MonitorType]: Checker<MonitorOfType<T>> };

export function runCheck(
  checkers: CheckerSet,
  monitor: Monitor,
  now: number,
  signal: AbortSignal,
): Promise<CheckResult> {
  // The cast is the one place the union meets the per-type checker: the map's key guarantees it.
  return (checkers[monitor.type] as Checker).check(monitor, now, signal);
}
