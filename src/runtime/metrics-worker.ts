/**
 * The metrics evaluator in a thread of its own: per-series state (rollups, detector, rules),
 * while the main thread receives and parses the next bodies (measured: one thread for both
 * topped out at about one core's worth of points). Messages arrive in the order the main
 * thread logged them; see worker-evaluation.ts. A flush is cut here and stored by the store
 * thread (metrics-store-worker.ts), so the disk never holds the evaluation up.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { MetricsPolicy } from '../policy/policy.js';
import { collectHere } from '../services/metrics/evaluation.js';
import { MetricEvaluator } from '../services/metrics/evaluator.js';
import { packBatch, unpackBatch } from './flush-transport.js';
import type { FromStore, ToStore } from './metrics-store-worker.js';
import { PointSlots } from './point-slots.js';
import type { ToWorker } from './worker-evaluation.js';

const data = workerData as {
  policy: MetricsPolicy;
  slots: SharedArrayBuffer;
  slotCount: number;
  storePort: MessagePort;
};
const slots = new PointSlots(data.slots, data.slotCount);
const port = parentPort!;
const storePort = data.storePort;
const evaluator = new MetricEvaluator(data.policy);
let closing: number | undefined;

const toStore = (m: ToStore, transfer: ArrayBuffer[] = []) => storePort.postMessage(m, transfer);

storePort.on('message', (m: FromStore) => {
  switch (m.t) {
    case 'ready':
      return port.postMessage({ t: 'ready' });
    case 'failed':
      return port.postMessage({ t: 'failed', error: m.error });
    case 'stored': {
      const batch = unpackBatch(m.batch);
      if (m.error === undefined) evaluator.recycle(batch);
      else evaluator.restore(batch);
      return port.postMessage({
        t: 'done',
        seq: m.seq,
        ...(m.error === undefined ? {} : { error: m.error }),
      });
    }
    case 'collected':
      return port.postMessage({ t: 'done', seq: m.seq });
    case 'closed':
      storePort.close();
      return port.postMessage({ t: 'done', seq: closing });
  }
});

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
      const { message, transfer } = packBatch(evaluator.cut(m.now));
      return toStore(
        { t: 'store', seq: m.seq, batch: message, covered: m.covered, now: m.now },
        transfer,
      );
    }
    case 'durable':
      return toStore({ t: 'durable', seq: m.seq, error: m.error });
    case 'gc':
      collectHere();
      return toStore({ t: 'gc', seq: m.seq });
    case 'close':
      closing = m.seq;
      return toStore({ t: 'close' });
  }
});
