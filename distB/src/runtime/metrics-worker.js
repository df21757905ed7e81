/**
 * The metrics evaluator in a thread of its own: per-series state and the flush to the
 * database, with its own connection, while the main thread receives and parses the next
 * bodies (measured: one thread for both topped out at about one core's worth of points).
 * Messages arrive in the order the main thread logged them; see worker-evaluation.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { MetricEvaluator } from '../services/metrics/evaluator.js';
import { openStore } from '../storage/open-store.js';
const { location, policy } = workerData;
const port = parentPort;
const evaluator = new MetricEvaluator(policy);
let store;
/** Flushes waiting for the main thread to report the log durable. */
const commits = new Map();
port.on('message', (m) => {
    switch (m.t) {
        case 'load':
            evaluator.load(m.rows);
            return port.postMessage({ t: 'done', seq: m.seq });
        case 'series':
            return evaluator.addSeries(m.rows);
        case 'apply':
            evaluator.apply(m.points);
            // Back to the main thread, to be filled again.
            return port.postMessage({ t: 'applied', points: m.points }, [m.points.ids.buffer, m.points.times.buffer, m.points.values.buffer]);
        case 'flush': {
            const durable = new Promise((resolve, reject) => commits.set(m.seq, { resolve, reject }));
            durable.catch(() => { });
            evaluator.flush(store, m.covered, m.now, durable).then(() => port.postMessage({ t: 'done', seq: m.seq }), (err) => port.postMessage({ t: 'done', seq: m.seq, error: err.message }));
            return;
        }
        case 'durable':
            commits.get(m.seq)?.[m.error === undefined ? 'resolve' : 'reject'](new Error(m.error));
            commits.delete(m.seq);
            return;
        case 'close':
            void store.close().then(() => port.postMessage({ t: 'done', seq: m.seq }));
            return;
    }
});
openStore(location).then((opened) => {
    store = opened.store;
    port.postMessage({ t: 'ready' });
}, (err) => port.postMessage({ t: 'failed', error: err.message }));
//# sourceMappingURL=metrics-worker.js.map