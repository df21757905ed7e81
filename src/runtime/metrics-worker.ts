/**
 * The metrics evaluator in a thread of its own: per-series state and the flush to the
 * database, with its own connection, while the main thread receives and parses the next
 * bodies (measured: one thread for both topped out at about one core's worth of points).
 * Messages arrive in the order the main thread logged them; see worker-evaluation.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { MetricsPolicy } from '../policy/policy.js';
import { MetricEvaluator } from '../services/metrics/evaluator.js';
import type { Store } from '../services/store.js';
import { openStore, type StoreLocation } from '../storage/open-store.js';
import { PointSlots } from './point-slots.js';
import type { ToWorker } from './worker-evaluation.js';

const { location, policy, slots: shared, slotCount } = workerData as { location: StoreLocation; policy: MetricsPolicy; slots: SharedArrayBuffer; slotCount: number };
const slots = new PointSlots(shared, slotCount);
const port = parentPort!;
const evaluator = new MetricEvaluator(policy);
let store: Store | undefined;
/** Flushes waiting for the main thread to report the log durable. */
const commits = new Map<number, { resolve(): void; reject(err: Error): void }>();

port.on('message', (m: ToWorker) => {
  switch (m.t) {
    case 'load':
      evaluator.load(m.rows);
      return port.postMessage({ t: 'done', seq: m.seq });
    case 'series':
      return evaluator.addSeries(m.rows);
    case 'applySlot':
      evaluator.apply(slots.view(m.slot, m.count));
      // The slot is free to be filled again.
      return port.postMessage({ t: 'appliedSlot', slot: m.slot, count: m.count });
    case 'apply':
      evaluator.apply(m.points);
      return port.postMessage({ t: 'applied', count: m.points.count });
    case 'flush': {
      const durable = new Promise<void>((resolve, reject) => commits.set(m.seq, { resolve, reject }));
      durable.catch(() => {});
      evaluator.flush(store!, m.covered, m.now, durable).then(
        () => port.postMessage({ t: 'done', seq: m.seq }),
        (err: Error) => port.postMessage({ t: 'done', seq: m.seq, error: err.message }),
      );
      return;
    }
    case 'durable':
      commits.get(m.seq)?.[m.error === undefined ? 'resolve' : 'reject'](new Error(m.error));
      commits.delete(m.seq);
      return;
    case 'close':
      void store!.close().then(() => port.postMessage({ t: 'done', seq: m.seq }));
      return;
  }
});

openStore(location).then(
  (opened) => {
    store = opened.store;
    port.postMessage({ t: 'ready' });
  },
  (err: Error) => port.postMessage({ t: 'failed', error: err.message }),
);
