import type { CheckerSet } from '../../sources/probes/checker.js';
import type { LoadRunner } from '../../sources/probes/load-runner.js';

/** What the availability routes need from the running server besides the services. */
export interface AvailabilityRouteDeps {
  readonly checkers: () => CheckerSet;
  readonly runLoad: LoadRunner;
  /** Tells the probes the monitors changed, so a new monitor is checked at once. */
  readonly changed?: () => void;
  /** Tells the probes a heartbeat's job reported, so its check follows at once (a failure is down now, not at the next check). */
  readonly pinged?: (monitorId: string) => void;
}
