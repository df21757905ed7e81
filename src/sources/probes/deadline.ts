/**
 * The caller's signal and the monitor's timeout, combined into one signal that says which
 * fired. Hand-rolled rather than AbortSignal.any + AbortSignal.timeout: a check must clear its
 * timer and detach from the caller's long-lived signal when it ends, or 10,000 monitors at a
 * 30 s interval pile up listeners and timers (AbortSignal.any with a long-lived parent leaks:
 * nodejs/node#48419, #55351).
 */
export type DeadlineReason = 'timeout' | 'aborted';

export interface Deadline {
  readonly signal: AbortSignal;
  /** Why the signal fired; undefined while it has not. */
  readonly reason: DeadlineReason | undefined;
  /** Clears the timer and the listener; call it in `finally`. */
  dispose(): void;
}

/**
 * A scheduler hands one shutdown signal to every check; one listener per such signal fans out
 * to the checks in flight, instead of thousands of listeners (and Node's leak warning at 11).
 */
const inFlight = new WeakMap<AbortSignal, Set<() => void>>();

function watch(parent: AbortSignal, onAbort: () => void): () => void {
  let set = inFlight.get(parent);
  if (!set) {
    const created = new Set<() => void>();
    set = created;
    inFlight.set(parent, created);
    parent.addEventListener('abort', () => [...created].forEach((f) => f()), { once: true });
  }
  set.add(onAbort);
  return () => void set.delete(onAbort);
}

export function startDeadline(parent: AbortSignal, timeoutMs: number): Deadline {
  const controller = new AbortController();
  let reason: DeadlineReason | undefined;
  const fire = (why: DeadlineReason) => {
    if (reason) return;
    reason = why;
    controller.abort(
      new Error(why === 'timeout' ? `timed out after ${timeoutMs}ms` : 'check aborted'),
    );
  };
  const timer = setTimeout(() => fire('timeout'), timeoutMs);
  let unwatch = (): void => undefined;
  if (parent.aborted) fire('aborted');
  else unwatch = watch(parent, () => fire('aborted'));
  return {
    signal: controller.signal,
    get reason() {
      return reason;
    },
    dispose() {
      clearTimeout(timer);
      unwatch();
    },
  };
}

/** Resolves with the promise's value, or with `onAbort()` as soon as the signal fires. */
export function raceSignal<T>(
  promise: Promise<T>,
  signal: AbortSignal,
  onAbort: () => T,
): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined); // it may still reject later; nobody is listening any more
    return Promise.resolve(onAbort());
  }
  return new Promise<T>((resolve, reject) => {
    const abort = () => resolve(onAbort());
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', abort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(e);
      },
    );
  });
}
