import { MessageChannel, Worker } from 'node:worker_threads';
import { SuretyError } from '../domain/errors.js';
import type { Instant } from '../domain/time.js';
import type { MetricsPolicy } from '../policy/policy.js';
import { newPoints, type MetricEvaluation } from '../services/metrics/evaluation.js';
import type { ResolvedPoints } from '../services/metrics/evaluator.js';
import type { LogPosition } from '../services/metrics/metric-log.js';
import type { StoreLocation } from '../storage/open-store.js';
import { PointSlots, SLOT_POINTS } from './point-slots.js';

type Rows = ReadonlyArray<{ id: number; key: string }>;

export type ToWorker =
  | { t: 'load'; seq: number; rows: Rows }
  | { t: 'series'; rows: Rows }
  | { t: 'apply'; points: ResolvedPoints }
  | { t: 'applySlot'; slot: number; count: number }
  | { t: 'flush'; seq: number; covered: LogPosition; now: Instant }
  | { t: 'durable'; seq: number; error?: string | undefined }
  | { t: 'close'; seq: number }
  | { t: 'gc'; seq: number };

type FromWorker =
  | { t: 'ready' }
  | { t: 'failed'; error: string }
  | { t: 'applied'; count: number }
  | { t: 'appliedSlot'; slot: number; count: number }
  | { t: 'done'; seq: number; error?: string };

/** Points handed over and not yet applied, past which the receiving side waits. */
const MAX_BEHIND = 400_000;
/** Shared slots of SLOT_POINTS points (20 bytes each): 32 slots are 10 MiB. */
const SLOTS = 32;

/**
 * The evaluation in a worker thread (runtime/metrics-worker.ts), with its own database
 * connection. Points travel through shared slots (point-slots.ts); a body too large for a
 * slot, or one that finds every slot taken, goes as transferred arrays instead. The worker
 * reports what it applied, and the receiving side waits while more than MAX_BEHIND points
 * are queued, so a slow database slows acknowledgements instead of filling the memory.
 */
export async function workerEvaluation(
  location: StoreLocation,
  policy: MetricsPolicy,
): Promise<MetricEvaluation> {
  const slots = PointSlots.create(SLOTS);
  // Two threads: the evaluator, and the store thread it hands each flush to, joined by a channel.
  const channel = new MessageChannel();
  const storer = new Worker(new URL('./metrics-store-worker.js', import.meta.url), {
    workerData: { location, port: channel.port2 },
    transferList: [channel.port2],
  });
  const worker = new Worker(new URL('./metrics-worker.js', import.meta.url), {
    workerData: { policy, slots: slots.buffer, slotCount: SLOTS, storePort: channel.port1 },
    transferList: [channel.port1],
  });
  let seq = 0;
  let behind = 0;
  const free = Array.from({ length: SLOTS }, (_, i) => SLOTS - 1 - i);
  // Room for another body: a free slot, and not too far behind.
  const canTakeMore = () => free.length > 0 && behind <= MAX_BEHIND;
  /** Which slot a borrowed set of points is, by its ids array. */
  const slotOf = new WeakMap<Int32Array, number>();
  let waiting: Array<() => void> = [];
  let failure: Error | undefined;
  const replies = new Map<number, { resolve(): void; reject(err: Error): void }>();
  const request = (message: ToWorker & { seq: number }) =>
    new Promise<void>((resolve, reject) => {
      if (failure) return reject(failure);
      replies.set(message.seq, { resolve, reject });
      worker.postMessage(message);
    });
  const fail = (err: Error) => {
    failure ??= err;
    for (const r of replies.values()) r.reject(failure);
    replies.clear();
    for (const w of waiting) w();
    waiting = [];
  };

  try {
    await new Promise<void>((resolve, reject) => {
      worker.once('message', (m: FromWorker) =>
        m.t === 'ready'
          ? resolve()
          : reject(
              new Error(
                `the metrics worker could not open the database: ${m.t === 'failed' ? m.error : m.t}`,
              ),
            ),
      );
      worker.once('error', reject);
    });
  } catch (err) {
    // A worker left running would keep the process alive after the failed start.
    await Promise.all([worker.terminate(), storer.terminate()]);
    throw err;
  }
  worker.on('message', (m: FromWorker) => {
    if (m.t === 'applied' || m.t === 'appliedSlot') {
      if (m.t === 'appliedSlot') free.push(m.slot);
      behind -= m.count;
      if (canTakeMore() && waiting.length > 0) {
        for (const w of waiting) w();
        waiting = [];
      }
    } else if (m.t === 'done') {
      const r = replies.get(m.seq);
      replies.delete(m.seq);
      if (m.error === undefined) r?.resolve();
      else r?.reject(new Error(m.error));
    }
  });
  // Acknowledged points stay safe in the log; a restart replays them.
  const unavailable = (why: string) =>
    new SuretyError(
      'unavailable',
      `metrics are not being accepted: the evaluation worker ${why}; restart Surety to replay the log and resume`,
    );
  worker.on('error', (err) => fail(unavailable(`failed (${err.message})`)));
  worker.on('exit', (code) => fail(unavailable(`exited (code ${code})`)));
  storer.on('error', (err) => fail(unavailable(`lost its store thread (${err.message})`)));
  storer.on('exit', (code) => fail(unavailable(`lost its store thread (exit code ${code})`)));

  return {
    load: (rows) => request({ t: 'load', seq: ++seq, rows }),
    addSeries: (rows) => worker.postMessage({ t: 'series', rows } satisfies ToWorker),
    borrow(n) {
      if (n > SLOT_POINTS || free.length === 0) return newPoints(n);
      const slot = free.pop()!;
      const points = slots.view(slot, n);
      slotOf.set(points.ids, slot);
      return points;
    },
    apply(points) {
      if (failure) throw failure;
      behind += points.count;
      const slot = slotOf.get(points.ids);
      if (slot !== undefined)
        worker.postMessage({ t: 'applySlot', slot, count: points.count } satisfies ToWorker);
      else
        worker.postMessage({ t: 'apply', points } satisfies ToWorker, [
          points.ids.buffer,
          points.times.buffer,
          points.values.buffer,
        ] as ArrayBuffer[]);
    },
    ready() {
      if (failure) return Promise.reject(failure);
      if (canTakeMore()) return undefined;
      return new Promise<void>((resolve) => waiting.push(resolve)).then(() => {
        if (failure) throw failure;
      });
    },
    flush(covered, now, durable) {
      const id = ++seq;
      const done = request({ t: 'flush', seq: id, covered, now });
      durable.then(
        () => worker.postMessage({ t: 'durable', seq: id } satisfies ToWorker),
        (err: Error) =>
          worker.postMessage({ t: 'durable', seq: id, error: err.message } satisfies ToWorker),
      );
      return done;
    },
    collectGarbage: () => request({ t: 'gc', seq: ++seq }),
    async close() {
      if (!failure) await request({ t: 'close', seq: ++seq }).catch(() => {});
      await Promise.all([worker.terminate(), storer.terminate()]);
    },
  };
}
