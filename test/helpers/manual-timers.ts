import type { SchedulerTimers } from '../../src/sources/probes/probe-scheduler.js';
import type { ManualTime } from '../../src/runtime/time.js';

/**
 * Timers that fire only when a test moves the clock, in due order, on the same ManualTime the
 * server reads: probes, flushes and the availability loop all run at the instants they are due,
 * with no real waiting. After each timer, `settle` lets its work (real checks on loopback,
 * database writes) finish before the next one fires.
 */
export class ManualTimers implements SchedulerTimers {
  private timers: Array<{ at: number; seq: number; fn: () => void }> = [];
  private seq = 0;
  settle: () => Promise<void> = async () => undefined;
  /** More work to wait for after each timer (agents started by the test). */
  readonly also: Array<() => Promise<void>> = [];

  constructor(private readonly time: ManualTime) {}

  now(): number {
    return this.time.now();
  }

  set(fn: () => void, ms: number): unknown {
    const seq = ++this.seq;
    this.timers.push({ at: this.time.now() + Math.max(0, ms), seq, fn });
    return seq;
  }

  clear(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.seq !== handle);
  }

  /** Moves the clock by `ms`, firing every timer due on the way, each at its own instant. */
  async advance(ms: number): Promise<void> {
    const end = this.time.now() + ms;
    await this.settle(); // work started outside the timers (an API call's reload) lands first
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const first = this.timers[0];
      if (!first || first.at > end) break;
      this.timers.shift();
      if (first.at > this.time.now()) this.time.set(first.at);
      first.fn();
      await this.settle();
      for (const f of this.also) await f();
      if (this.also.length > 0) await this.settle();
    }
    this.time.set(end);
  }
}
