import { MetricEvaluator } from './evaluator.js';
/** The evaluator in this thread, storing through `store`. */
export function localEvaluation(store, policy) {
    const evaluator = new MetricEvaluator(policy);
    return {
        load: async (rows) => evaluator.load(rows),
        addSeries: (rows) => evaluator.addSeries(rows),
        apply: (points) => evaluator.apply(points),
        ready: () => undefined,
        flush: (covered, now, durable) => evaluator.flush(store, covered, now, durable),
        close: async () => { },
    };
}
//# sourceMappingURL=evaluation.js.map