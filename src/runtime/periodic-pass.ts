/** A pass the runtime repeats: runs never overlap, and a failed one is logged by `onError` and tried again next time. */
export interface PeriodicPass<T> {
  /** Runs one pass now (after any running one); what it returned, or `fallback` if it failed. */
  runOnce(): Promise<T>;
  /** No more passes; resolves when the running one has ended. */
  stop(): Promise<void>;
}

/**
 * Repeats `pass` every `intervalMs` after the previous one ends (0: only when `runOnce` is
 * called, as tests do); the first run comes after `firstDelayMs` (default: the interval).
 * The sweeper, the consequences loop and the report scheduler all run this way.
 */
export function periodicPass<T>(options: {
  intervalMs: number;
  firstDelayMs?: number;
  fallback: T;
  pass: () => Promise<T>;
  onError: (err: unknown) => void;
}): PeriodicPass<T> {
  let running: Promise<T> = Promise.resolve(options.fallback);
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const runOnce = () => {
    running = running.then(async () => {
      try {
        return await options.pass();
      } catch (err) {
        options.onError(err);
        return options.fallback;
      }
    });
    return running;
  };
  const tick = () => {
    if (stopped) return;
    void runOnce().finally(() => {
      if (!stopped) timer = setTimeout(tick, options.intervalMs);
    });
  };
  if (options.intervalMs > 0) timer = setTimeout(tick, options.firstDelayMs ?? options.intervalMs);
  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
