import { DAY, MINUTE } from '../../domain/duration.js';
import type { Customer } from '../../domain/customer.js';
import type { Threshold } from '../../domain/target.js';
import { type Instant } from '../../domain/time.js';
import { type AvailabilityTargets } from '../../evaluate/availability/uptime.js';
import { effectiveTarget } from '../../policy/effective-target.js';
import { formatTarget } from '../../policy/format-target.js';
import type { AggregateCommitment, Policy } from '../../policy/policy.js';

/**
 * A service's availability over a window, from what is stored: every location's downtime of
 * every monitor of the service, the agents' silences, the quorum, and the maintenance windows.
 * A window still running is measured up to `now`; its error budget is the whole window's.
 */
export interface AvailabilityWindow {
  readonly from: Instant;
  readonly to: Instant;
  /** A calendar month: C-06's "per month" applies as written; other ranges pro-rate it. */
  readonly isMonth: boolean;
}

const DEFAULT_TARGETS: AvailabilityTargets = {
  uptimePercent: 99.9,
  maxUnplannedDowntimeMs: 30 * MINUTE,
};

export function availabilityTargets(
  policy: Policy,
  customer: Customer | undefined,
  window: AvailabilityWindow,
): AvailabilityTargets & { uptimeText: string; downtimeText: string } {
  const uptime = policy.commitments.find(
    (c): c is AggregateCommitment => c.type === 'aggregate' && c.measure === 'uptime',
  );
  const downtime = policy.commitments.find(
    (c): c is AggregateCommitment => c.type === 'aggregate' && c.measure === 'unplanned_downtime',
  );
  const u = uptime ? (effectiveTarget(policy, uptime, customer) as Threshold) : undefined;
  const d = downtime ? (effectiveTarget(policy, downtime, customer) as Threshold) : undefined;
  const perMonth = d?.value ?? DEFAULT_TARGETS.maxUnplannedDowntimeMs;
  const maxUnplannedDowntimeMs = window.isMonth
    ? perMonth
    : Math.floor((perMonth * (window.to - window.from)) / (30 * DAY));
  return {
    uptimePercent: u?.value ?? DEFAULT_TARGETS.uptimePercent,
    maxUnplannedDowntimeMs,
    uptimeText: uptime ? formatTarget(uptime, u) : '>= 99.9%',
    downtimeText: downtime ? formatTarget(downtime, d) : '<= 30m',
  };
}
