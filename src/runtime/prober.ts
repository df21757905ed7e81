import type { Logger } from 'pino';
import type { Instant, TimeSource } from '../domain/time.js';
import type { CheckResult } from '../sources/probes/check-result.js';
import { runCheck } from '../sources/probes/checker.js';
import type { Monitor } from '../policy/monitors/monitor.js';
import { ProbeScheduler, type SchedulerTimers } from '../sources/probes/probe-scheduler.js';
import type { Policy } from '../policy/policy.js';
import { monitorOf } from '../services/monitors/catalog.js';
import { recordResults, type LocatedResult } from '../services/monitors/record-results.js';
import type { Store } from '../services/store/index.js';
import { createCheckers, storeLastPing } from './checkers.js';

export const LOCAL = 'local';

export interface ProberOptions {
  readonly timers: SchedulerTimers;
  readonly maxInFlight?: number;
  /** How often results are written (one transaction for everything checked meanwhile). */
  readonly flushMs?: number;
  /** How often the monitor list is re-read (changes made over the API are applied at once). */
  readonly reloadMs?: number;
}

/**
 * The server's own probes, as location `local`: every monitor that runs there, on the scheduler,
 * with the real checkers; results are batched and recorded once a second. Time comes from the
 * runtime's TimeSource (checks are stamped with it) and timers from `options.timers`, so tests
 * drive both by hand.
 */
export class Prober {
  readonly scheduler: ProbeScheduler<Monitor>;
  private readonly checkerSet;
  private queue: LocatedResult[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private timer: unknown;
  private reloadTimer: unknown;
  private version = -1;
  private stopped = false;
  private readonly flushMs: number;
  private readonly reloadMs: number;
  /** Results recorded, and batches that failed (they are retried with the next one). */
  recorded = 0;
  failures = 0;

  constructor(
    private readonly store: Store,
    private readonly policy: Policy,
    private readonly time: TimeSource,
    private readonly logger: Logger,
    private readonly options: ProberOptions,
  ) {
    this.flushMs = options.flushMs ?? 1000;
    this.reloadMs = options.reloadMs ?? 5_000;
    const createdAt = new Map<string, number>();
    this.checkerSet = createCheckers(
      storeLastPing({
        heartbeat: (id) => store.heartbeats.get(id),
        since: async (id) => createdAt.get(id) ?? (await store.monitors.get(id))?.createdAt,
      }),
    );
    this.scheduler = new ProbeScheduler<Monitor>({
      timers: options.timers,
      maxInFlight: options.maxInFlight ?? 256,
      run: (m, _due, signal) => this.check(m, signal),
    });
  }

  get checkers() {
    return this.checkerSet.checkers;
  }

  async start(): Promise<void> {
    await this.reload();
    this.scheduler.start();
    this.armFlush();
    this.armReload();
  }

  /** Re-reads the monitors if any changed; adds, replaces and removes them in the scheduler. */
  async reload(): Promise<void> {
    const version = await this.store.monitors.version();
    if (version === this.version) return;
    this.version = version;
    const wanted = new Map<string, Monitor>();
    for (const row of await this.store.monitors.list()) {
      if (!row.locations.includes(LOCAL)) continue;
      const m = monitorOf(row);
      if (m) wanted.set(m.id, m);
      else
        this.logger.warn({ monitor: row.id }, 'a stored monitor no longer compiles; it is not run');
    }
    for (const id of this.known.keys()) if (!wanted.has(id)) this.scheduler.remove(id);
    const first = this.known.size === 0 && this.loaded === false;
    for (const [id, m] of wanted) {
      const before = this.known.get(id);
      // At start the checks spread over the interval; a monitor added or changed later is checked at once.
      if (!before || JSON.stringify(before) !== JSON.stringify(m))
        this.scheduler.upsert(m, { immediate: !first });
    }
    this.known = wanted;
    this.loaded = true;
  }
  private known = new Map<string, Monitor>();
  private loaded = false;

  /** Applies monitor changes now (the API calls it after each change; other writers are seen within reloadMs). */
  changed(): void {
    this.reloading = this.reloading
      .then(() => this.reload())
      .catch((err) => this.logger.error({ err }, 'reloading monitors failed'));
  }
  private reloading: Promise<void> = Promise.resolve();

  /** Checks one monitor at once (a heartbeat's job just reported), so its state follows within a flush, not a check interval. */
  checkNow(id: string): void {
    this.scheduler.runNow(id);
  }

  private async check(m: Monitor, signal: AbortSignal): Promise<void> {
    const result: CheckResult = await runCheck(
      this.checkerSet.checkers,
      m,
      this.time.now(),
      signal,
    );
    if (result.cause === 'aborted') return; // shutdown or removal: says nothing about the target
    this.queue.push({ monitor: m.id, result });
  }

  /** Writes what was checked since the last flush; failures keep the results for the next try. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.queue.length === 0) return;
      const batch = this.queue;
      this.queue = [];
      try {
        const now: Instant = this.time.now();
        const outcome = await this.store.transaction((tx) =>
          recordResults(tx, this.policy, LOCAL, batch, now),
        );
        this.recorded += outcome.accepted;
        for (const s of outcome.signals)
          if (s.type !== 'monitor.warning')
            this.logger.info(
              { signal: s.type, subject: `${s.subjectType}:${s.subjectId}` },
              'availability changed',
            );
      } catch (err) {
        this.failures++;
        this.queue = [...batch, ...this.queue].slice(-100_000);
        this.logger.error({ err }, 'recording probe results failed; retrying with the next batch');
      }
    });
    return this.flushing;
  }

  /** Every check in flight finished and every result written: for tests that drive time. */
  async idle(): Promise<void> {
    await this.reloading;
    await this.scheduler.settled();
    await this.flush();
  }

  private armFlush() {
    if (this.stopped) return;
    this.timer = this.options.timers.set(
      () => void this.flush().finally(() => this.armFlush()),
      this.flushMs,
    );
  }

  private armReload() {
    if (this.stopped) return;
    this.reloadTimer = this.options.timers.set(
      () =>
        void this.reload()
          .catch((err) => this.logger.error({ err }, 'reloading monitors failed'))
          .finally(() => this.armReload()),
      this.reloadMs,
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.options.timers.clear(this.timer);
    this.options.timers.clear(this.reloadTimer);
    await this.scheduler.stop();
    await this.flush();
    await this.checkerSet.close();
  }
}
