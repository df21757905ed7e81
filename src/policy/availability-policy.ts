import type { Millis } from '../domain/duration.js';
import type { BurnRule } from './burn-rules.js';
import type { MaintenanceWindow } from './maintenance-window.js';
import type { Monitor } from './monitors/monitor.js';

/** The availability part of a compiled policy. */
export interface AvailabilityPolicy {
  /** Where a monitor runs when it does not say: `local` is the server itself. */
  readonly locations: readonly string[];
  /** Locations that must agree a service is down; undefined: a majority of the service's locations. */
  readonly quorum: number | undefined;
  readonly agentSilentAfterMs: Millis;
  readonly monitors: readonly PolicyMonitor[];
  readonly maintenance: readonly PolicyMaintenance[];
  readonly burnRules: readonly BurnRule[];
  readonly healthChecks: readonly HealthCheckSuite[];
  readonly stressTests: readonly StressTestSpec[];
}

export interface PolicyMonitor {
  /** The definition as written, without `locations` (what the API stores too). */
  readonly definition: Readonly<Record<string, unknown>>;
  readonly monitor: Monitor;
  readonly locations: readonly string[];
}

export interface PolicyMaintenance {
  /** Identifies the declaration across restarts: the same text is the same window. */
  readonly key: string;
  readonly service: string | undefined;
  readonly title: string;
  readonly spec: string;
  readonly window: MaintenanceWindow;
}

export interface HealthCheckSuite {
  readonly id: string;
  readonly name: string;
  /** Monitor ids; undefined: every monitor there is when it runs. */
  readonly monitors: readonly string[] | undefined;
  /** Local minutes after midnight, in the policy's time zone, ascending. */
  readonly at: readonly number[];
}

export interface StressTestSpec {
  readonly id: string;
  readonly name: string;
  /** The period a run is due in: every occurrence of this window expects one run. */
  readonly every: string;
  readonly window: MaintenanceWindow;
  readonly target: string | undefined;
  readonly requests: number;
  readonly concurrency: number;
  readonly maxDurationMs: Millis;
  readonly maxP99Ms: Millis | undefined;
  readonly maxErrorRatePercent: number | undefined;
}
