import type { Logger } from 'pino';
import { realTimers, type SchedulerTimers } from '../sources/probes/probe-scheduler.js';
import type { CheckerSet } from '../sources/probes/checker.js';
import { syncPolicyAvailability } from '../services/monitors/sync-policy.js';
import type { Signal } from '../services/store/index.js';
import { loadRunner } from './checkers.js';
import { AvailabilityLoop } from './availability-loop.js';
import type { Core } from './core.js';
import { Prober } from './prober.js';

/** The availability stage as the server runs it: the policy's monitors stored, the probes, the loop. */
export interface Availability {
  readonly prober: Prober;
  readonly loop: AvailabilityLoop;
  checkers(): CheckerSet;
  /** One pass of the loop now (tests drive it by hand). */
  runOnce(): Promise<readonly Signal[]>;
  /** Every check in flight done, every result written, the loop at rest. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startAvailability(
  core: Core,
  logger: Logger,
  timers: SchedulerTimers = realTimers,
): Promise<Availability> {
  const synced = await syncPolicyAvailability(core.store, core.policy, core.time.now());
  if (synced.monitors + synced.retired + synced.windows > 0)
    logger.info(synced, 'monitors and maintenance windows of the policy stored');
  const prober = new Prober(core.store, core.policy, core.time, logger.child({ part: 'prober' }), {
    timers,
  });
  const loop = new AvailabilityLoop(
    core.store,
    core.policy,
    core.time,
    logger.child({ part: 'loop' }),
    { timers, checkers: () => prober.checkers, runLoad: loadRunner() },
  );
  await prober.start();
  await loop.start();
  return {
    prober,
    loop,
    checkers: () => prober.checkers,
    runOnce: () => loop.runOnce(),
    async idle() {
      await prober.idle();
      await loop.idle();
    },
    async stop() {
      await loop.stop();
      await prober.stop();
    },
  };
}
