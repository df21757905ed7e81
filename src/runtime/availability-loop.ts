import type { Logger } from 'pino';
import { MINUTE } from '../domain/duration.js';
import type { TimeSource } from '../domain/time.js';
import type { Policy } from '../policy/policy.js';
import type { SchedulerTimers } from '../sources/probes/probe-scheduler.js';
import { detectSilentAgents } from '../services/agents/detect-silent.js';
import { LOCAL } from '../services/agents/location.js';
import { evaluateBurnAlerts } from '../services/burn/evaluate.js';
import { runDueCheckups } from '../services/checkups/due.js';
import { sweepIncidents } from '../services/incidents/sweep.js';
import type { Signal, Store } from '../services/store/index.js';
import type { CheckerSet } from '../sources/probes/checker.js';
import type { LoadRunner } from '../sources/probes/load-runner.js';

const ALIVE_KEY = 'availability.local.aliveAt';
/** Hourly check counts are kept this long (the history API reads 31 days at most); outages are kept for good. */
export const CHECK_HOURS_KEPT = 35 * 24 * 60 * MINUTE;

export interface AvailabilityLoopOptions {
  readonly timers: SchedulerTimers;
  readonly intervalMs?: number;
  readonly checkers: () => CheckerSet;
  readonly runLoad: LoadRunner;
}

/**
 * The availability stage's own clockwork, every few seconds: incident clocks (warnings and
 * breaches), silent agents, burn-rate alerts (each minute), and health checks and stress tests
 * that are due or were missed. Runs never overlap; a failing part is logged and retried.
 */
export class AvailabilityLoop {
  private running: Promise<Signal[]> = Promise.resolve([]);
  private timer: unknown;
  private stopped = false;
  private lastBurnAt = -Infinity;
  private lastPruneAt = -Infinity;

  constructor(
    private readonly store: Store,
    private readonly policy: Policy,
    private readonly time: TimeSource,
    private readonly logger: Logger,
    private readonly options: AvailabilityLoopOptions,
  ) {}

  /** Records the time the server was down as unknown for location local (no probes ran). */
  async start(): Promise<void> {
    const now = this.time.now();
    const alive = Number((await this.store.meta.get(ALIVE_KEY)) ?? NaN);
    if (Number.isFinite(alive) && now - alive > this.policy.availability.agentSilentAfterMs) {
      await this.store.transaction(async (tx) => {
        await tx.agents.openSilence(LOCAL, alive);
        await tx.agents.closeSilence(LOCAL, now);
      });
      this.logger.warn(
        { from: new Date(alive).toISOString() },
        'the server was not probing for a while; that time counts as unknown for location local',
      );
    }
    await this.store.meta.set(ALIVE_KEY, String(now));
    this.arm();
  }

  runOnce(): Promise<Signal[]> {
    this.running = this.running.then(async () => {
      const now = this.time.now();
      const out: Signal[] = [];
      const part = async (name: string, work: () => Promise<Signal[]>) => {
        try {
          out.push(...(await work()));
        } catch (err) {
          this.logger.error(
            { err, part: name },
            'availability step failed; retrying on the next tick',
          );
        }
      };
      await part('alive', async () => (await this.store.meta.set(ALIVE_KEY, String(now)), []));
      await part('incident clocks', () => sweepIncidents(this.store, this.policy, now));
      await part('agents', () => detectSilentAgents(this.store, this.policy, now));
      if (now - this.lastBurnAt >= MINUTE) {
        this.lastBurnAt = now;
        await part('burn rates', () => evaluateBurnAlerts(this.store, this.policy, now));
      }
      await part('checkups', () =>
        runDueCheckups(
          this.store,
          this.policy,
          this.time,
          { checkers: this.options.checkers(), runLoad: this.options.runLoad },
          now,
        ),
      );
      if (now - this.lastPruneAt >= 60 * MINUTE) {
        this.lastPruneAt = now;
        await part('retention', async () => {
          const n = await this.store.checkHours.prune(now - CHECK_HOURS_KEPT);
          if (n > 0) this.logger.info({ rows: n }, 'old hourly check counts dropped');
          return [];
        });
      }
      for (const s of out)
        this.logger.info(
          { signal: s.type, subject: `${s.subjectType}:${s.subjectId}`, commitment: s.commitment },
          'availability signal',
        );
      return out;
    });
    return this.running;
  }

  private arm() {
    if (this.stopped) return;
    this.timer = this.options.timers.set(
      () => void this.runOnce().finally(() => this.arm()),
      this.options.intervalMs ?? 5_000,
    );
  }

  async idle(): Promise<void> {
    await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.options.timers.clear(this.timer);
    await this.running;
  }
}
