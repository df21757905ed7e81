/**
 * A scheduler hands one shutdown signal to every check; one listener per such signal fans out
 * to the checks in flight, instead of thousands of listeners (and Node's leak warning at 11).
 */
const inFlight = new WeakMap();
function watch(parent, onAbort) {
    let set = inFlight.get(parent);
    if (!set) {
        const created = new Set();
        set = created;
        inFlight.set(parent, created);
        parent.addEventListener('abort', () => [...created].forEach((f) => f()), { once: true });
    }
    set.add(onAbort);
    return () => void set.delete(onAbort);
}
export function startDeadline(parent, timeoutMs) {
    const controller = new AbortController();
    let reason;
    const fire = (why) => {
        if (reason)
            return;
        reason = why;
        controller.abort(new Error(why === 'timeout' ? `timed out after ${timeoutMs}ms` : 'check aborted'));
    };
    const timer = setTimeout(() => fire('timeout'), timeoutMs);
    let unwatch = () => undefined;
    if (parent.aborted)
        fire('aborted');
    else
        unwatch = watch(parent, () => fire('aborted'));
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
export function raceSignal(promise, signal, onAbort) {
    if (signal.aborted) {
        promise.catch(() => undefined); // it may still reject later; nobody is listening any more
        return Promise.resolve(onAbort());
    }
    return new Promise((resolve, reject) => {
        const abort = () => resolve(onAbort());
        signal.addEventListener('abort', abort, { once: true });
        promise.then((v) => {
            signal.removeEventListener('abort', abort);
            resolve(v);
        }, (e) => {
            signal.removeEventListener('abort', abort);
            reject(e);
        });
    });
}
//# sourceMappingURL=deadline.js.map