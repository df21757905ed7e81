import { Worker } from 'node:worker_threads';
import { SuretyError } from '../domain/errors.js';
/** Points handed over and not yet applied, past which the receiving side waits. */
const MAX_BEHIND = 400_000;
/**
 * The evaluation in a worker thread (runtime/metrics-worker.ts), with its own database
 * connection. Points travel as transferred typed arrays, so handing over a body copies
 * nothing; the worker reports what it applied, and the receiving side waits while more
 * than MAX_BEHIND points are queued, so a slow database slows acknowledgements instead of
 * filling the memory.
 */
export async function workerEvaluation(location, policy) {
    const worker = new Worker(new URL('./metrics-worker.js', import.meta.url), { workerData: { location, policy } });
    let seq = 0;
    let behind = 0;
    let waiting = [];
    let failure;
    const replies = new Map();
    const request = (message) => new Promise((resolve, reject) => {
        if (failure)
            return reject(failure);
        replies.set(message.seq, { resolve, reject });
        worker.postMessage(message);
    });
    const fail = (err) => {
        failure ??= err;
        for (const r of replies.values())
            r.reject(failure);
        replies.clear();
        for (const w of waiting)
            w();
        waiting = [];
    };
    await new Promise((resolve, reject) => {
        worker.once('message', (m) => (m.t === 'ready' ? resolve() : reject(new Error(`the metrics worker could not open the database: ${m.t === 'failed' ? m.error : m.t}`))));
        worker.once('error', reject);
    });
    worker.on('message', (m) => {
        if (m.t === 'applied') {
            behind -= m.points;
            if (behind <= MAX_BEHIND && waiting.length > 0) {
                for (const w of waiting)
                    w();
                waiting = [];
            }
        }
        else if (m.t === 'done') {
            const r = replies.get(m.seq);
            replies.delete(m.seq);
            if (m.error === undefined)
                r?.resolve();
            else
                r?.reject(new Error(m.error));
        }
    });
    // Acknowledged points stay safe in the log; a restart replays them.
    const unavailable = (why) => new SuretyError('unavailable', `metrics are not being accepted: the evaluation worker ${why}; restart Surety to replay the log and resume`);
    worker.on('error', (err) => fail(unavailable(`failed (${err.message})`)));
    worker.on('exit', (code) => fail(unavailable(`exited (code ${code})`)));
    return {
        load: (rows) => request({ t: 'load', seq: ++seq, rows }),
        addSeries: (rows) => worker.postMessage({ t: 'series', rows }),
        apply(points) {
            if (failure)
                throw failure;
            behind += points.count;
            worker.postMessage({ t: 'apply', points }, [points.ids.buffer, points.times.buffer, points.values.buffer]);
        },
        ready() {
            if (failure)
                return Promise.reject(failure);
            if (behind <= MAX_BEHIND)
                return undefined;
            return new Promise((resolve) => waiting.push(resolve)).then(() => {
                if (failure)
                    throw failure;
            });
        },
        flush(covered, now, durable) {
            const id = ++seq;
            const done = request({ t: 'flush', seq: id, covered, now });
            durable.then(() => worker.postMessage({ t: 'durable', seq: id }), (err) => worker.postMessage({ t: 'durable', seq: id, error: err.message }));
            return done;
        },
        async close() {
            if (!failure)
                await request({ t: 'close', seq: ++seq }).catch(() => { });
            await worker.terminate();
        },
    };
}
//# sourceMappingURL=worker-evaluation.js.map