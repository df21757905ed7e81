import type { Instant, TimeSource } from '../domain/time.js';

export const systemTime: TimeSource = { now: () => Date.now() };

/** A clock that moves only when told to: for tests, demos and replays. */
export class ManualTime implements TimeSource {
  constructor(private current: Instant) {}
  now(): Instant {
    return this.current;
  }
  set(t: Instant | string): void {
    this.current = typeof t === 'string' ? Date.parse(t) : t;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}
