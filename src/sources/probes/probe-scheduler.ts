/**
 * Runs every monitor on its interval: a binary heap of due times, one timer for the
 * soonest, a cap on checks in flight, and a fixed-rate grid per monitor (a check due at
 * 12:00:30 stays due at 12:00:30 however late the previous one ran), so thousands of
 * monitors spread evenly and lateness is measured against the grid, not drifted away.
 */

export interface SchedulerTimers {
  now(): number;
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: SchedulerTimers = {
  now: () => Date.now(),
  set: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clear: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface Schedulable {
  readonly id: string;
  readonly intervalMs: number;
}

export interface SchedulerOptions<M extends Schedulable> {
  readonly timers: SchedulerTimers;
  /** Runs one check; must settle (a checker returns by its timeout), never needs to throw. */
  readonly run: (monitor: M, scheduledAt: number, signal: AbortSignal) => Promise<void>;
  /** Checks in flight at most; the rest wait their turn (and count as late). */
  readonly maxInFlight: number;
}

interface Entry {
  due: number;
  id: string;
  version: number;
}

interface Slot<M> {
  monitor: M;
  version: number;
  running: boolean;
  /** Asked to run now while a check was in flight: that check may have read what is now stale. */
  again: boolean;
}

const LATENESS_SAMPLES = 65_536;

export class ProbeScheduler<M extends Schedulable> {
  private readonly heap: Entry[] = [];
  private readonly slots = new Map<string, Slot<M>>();
  private readonly waiting: Entry[] = [];
  private inFlight = 0;
  private timer: unknown;
  private timerDue = Infinity;
  private running = false;
  private readonly abort = new AbortController();
  private readonly active = new Set<Promise<void>>();
  private readonly lateness = new Float64Array(LATENESS_SAMPLES);
  private samples = 0;
  /** Checks started, and rounds skipped because the previous check of that monitor still ran. */
  started = 0;
  skipped = 0;

  constructor(private readonly options: SchedulerOptions<M>) {}

  /**
   * Adds or replaces a monitor; its first check falls at a stable point within one interval, or
   * at once with `immediate` (a monitor just created: its owner wants to see it work).
   */
  upsert(monitor: M, options: { immediate?: boolean } = {}): void {
    const slot = this.slots.get(monitor.id);
    const version = (slot?.version ?? 0) + 1;
    // The same slot, changed in place: a check in flight clears `running` on it when it ends.
    if (slot) Object.assign(slot, { monitor, version });
    else this.slots.set(monitor.id, { monitor, version, running: false, again: false });
    const now = this.options.timers.now();
    // Spread by a hash of the id: 10,000 monitors at 30 s start ~333 checks a second, not 10,000 at once.
    this.push({
      due: options.immediate ? now : now + (hash(monitor.id) % Math.max(1, monitor.intervalMs)),
      id: monitor.id,
      version,
    });
  }

  /**
   * Checks a monitor now, off its grid (which stays as it is): what it checks just changed (a
   * heartbeat's job reported). A check already in flight is followed by one more.
   */
  runNow(id: string): void {
    const slot = this.slots.get(id);
    if (!slot || !this.running) return;
    const now = this.options.timers.now();
    if (slot.running) slot.again = true;
    else if (this.inFlight >= this.options.maxInFlight)
      this.waiting.push({ due: now, id, version: slot.version });
    else this.launch(slot, now, now);
  }

  remove(id: string): void {
    this.slots.delete(id);
  }

  get size(): number {
    return this.slots.size;
  }

  start(): void {
    this.running = true;
    this.arm();
  }

  /** Stops scheduling, cancels checks in flight and waits for them to settle. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== undefined) this.options.timers.clear(this.timer);
    this.abort.abort();
    await Promise.allSettled([...this.active]);
  }

  /** Resolves once no check is in flight or waiting (tests driving the timers by hand need it). */
  async settled(): Promise<void> {
    while (this.active.size > 0) await Promise.allSettled([...this.active]);
  }

  get inFlightCount(): number {
    return this.inFlight;
  }

  /** Lateness of recent checks (start minus due), in ms. */
  latenessStats(): { count: number; p50: number; p99: number; max: number } {
    const n = Math.min(this.samples, LATENESS_SAMPLES);
    if (n === 0) return { count: 0, p50: 0, p99: 0, max: 0 };
    const sorted = Float64Array.from(this.lateness.subarray(0, n)).sort();
    return {
      count: this.samples,
      p50: sorted[Math.floor(0.5 * (n - 1))]!,
      p99: sorted[Math.floor(0.99 * (n - 1))]!,
      max: sorted[n - 1]!,
    };
  }

  resetStats(): void {
    this.samples = 0;
    this.started = 0;
    this.skipped = 0;
  }

  /** Runs what is due now; the timer calls it, tests may too. */
  tick(): void {
    this.timer = undefined;
    this.timerDue = Infinity;
    const now = this.options.timers.now();
    while (this.heap.length > 0 && this.heap[0]!.due <= now) {
      const entry = this.pop();
      const slot = this.slots.get(entry.id);
      if (!slot || slot.version !== entry.version) continue; // removed or replaced
      // The next round is due on the grid, whatever happens to this one.
      let next = entry.due + slot.monitor.intervalMs;
      while (next <= now) next += slot.monitor.intervalMs;
      this.push({ due: next, id: entry.id, version: entry.version });
      if (slot.running) {
        this.skipped++;
        continue;
      }
      if (this.inFlight >= this.options.maxInFlight) this.waiting.push(entry);
      else this.launch(slot, entry.due, now);
    }
    this.arm();
  }

  private launch(slot: Slot<M>, due: number, now: number): void {
    slot.running = true;
    this.inFlight++;
    this.started++;
    this.lateness[this.samples++ % LATENESS_SAMPLES] = now - due;
    const p = this.options
      .run(slot.monitor, due, this.abort.signal)
      .catch(() => {})
      .finally(() => {
        slot.running = false;
        this.inFlight--;
        this.active.delete(p);
        if (slot.again && this.running && this.slots.get(slot.monitor.id) === slot) {
          slot.again = false;
          const now = this.options.timers.now();
          this.waiting.unshift({ due: now, id: slot.monitor.id, version: slot.version });
        }
        this.drain();
      });
    this.active.add(p);
  }

  private drain(): void {
    if (!this.running) return;
    const now = this.options.timers.now();
    while (this.inFlight < this.options.maxInFlight && this.waiting.length > 0) {
      const entry = this.waiting.shift()!;
      const slot = this.slots.get(entry.id);
      if (slot && slot.version === entry.version && !slot.running)
        this.launch(slot, entry.due, now);
    }
  }

  private arm(): void {
    if (!this.running || this.heap.length === 0) return;
    const due = this.heap[0]!.due;
    if (due >= this.timerDue) return;
    if (this.timer !== undefined) this.options.timers.clear(this.timer);
    this.timerDue = due;
    this.timer = this.options.timers.set(
      () => this.tick(),
      Math.max(0, due - this.options.timers.now()),
    );
  }

  private push(e: Entry): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent]!.due <= e.due) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = e;
    if (this.running && e.due < this.timerDue) this.arm();
  }

  private pop(): Entry {
    const h = this.heap;
    const top = h[0]!;
    const last = h.pop()!;
    const n = h.length;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const c = l + 1 < n && h[l + 1]!.due < h[l]!.due ? l + 1 : l;
      if (h[c]!.due >= last.due) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = last;
    return top;
  }
}

/** FNV-1a: a stable spread of ids over the interval. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
