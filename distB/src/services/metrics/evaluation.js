import { MetricEvaluator } from './evaluator.js';
/** The evaluator in this thread, storing through `store`. */
export function localEvaluation(store, policy) {
    const evaluator = new MetricEvaluator(policy);
    // Applied before `apply` returns, so one set of arrays serves every body.
    let spare = newPoints(16_384);
    return {
        load: async (rows) => evaluator.load(rows),
        addSeries: (rows) => evaluator.addSeries(rows),
        borrow: (n) => ({ ...(spare.ids.length >= n ? spare : (spare = newPoints(n))), count: n }),
        apply: (points) => evaluator.apply(points),
        ready: () => undefined,
        flush: (covered, now, durable) => evaluator.flush(store, covered, now, durable),
        close: async () => { },
    };
}
export function newPoints(capacity) {
    return { count: 0, ids: new Int32Array(capacity), times: new Float64Array(capacity), values: new Float64Array(capacity) };
}
//# sourceMappingURL=evaluation.js.map