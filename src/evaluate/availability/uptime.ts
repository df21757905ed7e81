import type { Millis } from '../../domain/duration.js';
import { type Interval, clip, intersect, subtract, totalLength } from './intervals.js';
import { allowedDownMs, errorBudgetPpm } from './slo.js';

/**
 * A service's availability over a window (a calendar month, or any range), counted in time.
 *
 *   measured  = window − maintenance          (planned time is out of the denominator)
 *   planned   = down ∩ maintenance
 *   unplanned = down − maintenance
 *   uptime %  = (measured − unplanned) / measured × 100
 *   allowed   = min(floor(measured × (1 − uptime target)), downtime target)
 *   remaining = allowed − unplanned           (negative once overspent)
 *
 * The budget is met exactly when both targets are (C-05 uptime, C-06 unplanned downtime);
 * both are decided in integers, so 99.9 % to the millisecond is met. The downtime target is
 * for the window given: the policy pro-rates it for ranges other than its month.
 * Times no location reported (`unknown`) count as up, as nothing showed the service down;
 * they are reported so a reader can judge the coverage.
 */
export interface AvailabilityTargets {
  /** C-05: the least uptime, percent (99.9). */
  readonly uptimePercent: number;
  /** C-06: the most unplanned downtime in the window, ms (30 min). */
  readonly maxUnplannedDowntimeMs: Millis;
}

export interface AvailabilityInput {
  readonly window: Interval;
  /** The service's outages (after the quorum). */
  readonly down: ReadonlyArray<Interval>;
  /** Planned maintenance (expanded windows). */
  readonly maintenance: ReadonlyArray<Interval>;
  /** When no location reported. */
  readonly unknown?: ReadonlyArray<Interval>;
  readonly targets: AvailabilityTargets;
}

export interface Availability {
  readonly window: Interval;
  readonly totalMs: Millis;
  readonly maintenanceMs: Millis;
  readonly measuredMs: Millis;
  readonly plannedDowntimeMs: Millis;
  readonly unplannedDowntimeMs: Millis;
  readonly unmonitoredMs: Millis;
  readonly planned: Interval[];
  readonly unplanned: Interval[];
  /** C-05. `value` is null when the whole window was maintenance (then it is met). */
  readonly uptime: {
    readonly targetPercent: number;
    readonly valuePercent: number | null;
    readonly met: boolean;
  };
  /** C-06. */
  readonly downtime: { readonly targetMs: Millis; readonly valueMs: Millis; readonly met: boolean };
  readonly budget: ErrorBudget;
}

export interface ErrorBudget {
  readonly allowedMs: Millis;
  readonly usedMs: Millis;
  readonly remainingMs: Millis;
  /** used / allowed; null when nothing is allowed. */
  readonly consumed: number | null;
  /** Which target sets the allowance (the smaller one; uptime on a tie). */
  readonly limitedBy: 'uptime' | 'downtime';
  readonly status: 'met' | 'breached';
}

export function availability(input: AvailabilityInput): Availability {
  const { window, targets } = input;
  const maintenance = clip(input.maintenance, window);
  const down = clip(input.down, window);
  const planned = intersect(down, maintenance);
  const unplanned = subtract(down, maintenance);
  const totalMs = Math.max(0, window.to - window.from);
  const maintenanceMs = totalLength(maintenance);
  const measuredMs = totalMs - maintenanceMs;
  const unplannedMs = totalLength(unplanned);

  const ppm = errorBudgetPpm(targets.uptimePercent);
  const byUptime = allowedDownMs(measuredMs, ppm);
  const allowedMs = Math.min(byUptime, targets.maxUnplannedDowntimeMs);
  const remainingMs = allowedMs - unplannedMs;
  return {
    window,
    totalMs,
    maintenanceMs,
    measuredMs,
    plannedDowntimeMs: totalLength(planned),
    unplannedDowntimeMs: unplannedMs,
    unmonitoredMs: totalLength(clip(input.unknown ?? [], window)),
    planned,
    unplanned,
    uptime: {
      targetPercent: targets.uptimePercent,
      // One division of exact integers: the nearest double to the true percentage.
      valuePercent: measuredMs === 0 ? null : ((measuredMs - unplannedMs) * 100) / measuredMs,
      met: unplannedMs <= byUptime,
    },
    downtime: {
      targetMs: targets.maxUnplannedDowntimeMs,
      valueMs: unplannedMs,
      met: unplannedMs <= targets.maxUnplannedDowntimeMs,
    },
    budget: {
      allowedMs,
      usedMs: unplannedMs,
      remainingMs,
      consumed: allowedMs === 0 ? null : unplannedMs / allowedMs,
      limitedBy: byUptime <= targets.maxUnplannedDowntimeMs ? 'uptime' : 'downtime',
      status: remainingMs >= 0 ? 'met' : 'breached',
    },
  };
}
