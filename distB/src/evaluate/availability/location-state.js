import { conflict, invalidInput } from '../../domain/errors.js';
export const DEFAULT_FAILURES_BEFORE_DOWN = 2;
/**
 * The live form: feed it one monitor's results at one location in time order; it answers
 * each with the transition that result caused, if any. The batch function below is built on
 * it, so both paths agree by construction.
 */
export class LocationMonitorState {
    failuresBeforeDown;
    #status = { kind: 'pending' };
    #lastAt = -Infinity;
    constructor(failuresBeforeDown = DEFAULT_FAILURES_BEFORE_DOWN) {
        this.failuresBeforeDown = failuresBeforeDown;
        if (!Number.isInteger(failuresBeforeDown) || failuresBeforeDown < 1) {
            throw invalidInput(`failuresBeforeDown must be a whole number of at least 1, not ${failuresBeforeDown}`);
        }
    }
    get status() {
        return this.#status;
    }
    observe(result) {
        if (result.at < this.#lastAt) {
            throw conflict(`check results must come in time order: ${new Date(result.at).toISOString()} came after ${new Date(this.#lastAt).toISOString()}`);
        }
        this.#lastAt = result.at;
        const s = this.#status;
        if (result.ok) {
            this.#status = s.kind === 'up' ? s : { kind: 'up', since: result.at };
            return s.kind === 'down' ? { type: 'up', at: result.at, downSince: s.since } : null;
        }
        if (s.kind === 'down')
            return null;
        const since = s.kind === 'failing' ? s.since : result.at;
        const failures = s.kind === 'failing' ? s.failures + 1 : 1;
        if (failures >= this.failuresBeforeDown) {
            this.#status = { kind: 'down', since, detectedAt: result.at };
            return { type: 'down', at: since, detectedAt: result.at };
        }
        this.#status = { kind: 'failing', since, failures };
        return null;
    }
}
/**
 * The down spans of one monitor at one location from its results up to `now` (later ones are
 * ignored, as if not yet happened). A span still down at `now` ends there and is `open`; it
 * may be empty when the threshold was reached exactly at `now`.
 */
export function downIntervals(results, now, failuresBeforeDown = DEFAULT_FAILURES_BEFORE_DOWN) {
    const machine = new LocationMonitorState(failuresBeforeDown);
    const out = [];
    for (const r of results) {
        if (r.at > now)
            break;
        const t = machine.observe(r);
        if (t?.type === 'up')
            out.push({ from: t.downSince, to: t.at, open: false });
    }
    const s = machine.status;
    if (s.kind === 'down')
        out.push({ from: s.since, to: now, open: true });
    return out;
}
//# sourceMappingURL=location-state.js.map