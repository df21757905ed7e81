import { seeded } from '../src/domain/random.js';
/**
 * The HTTP load generator for bench/clocks.ts, run in a worker thread so the client's
 * own work (fetch, JSON) does not share the server's event loop and skew its figures.
 *
 * It sends `warmup` + `count` POST /api/v1/tickets requests with `concurrency` in flight
 * and posts back the wall time and per-request latencies of the timed part.
 */
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { CHANNELS, pickKind } from './clocks-tickets.js';

export interface LoadJob {
  readonly url: string;
  readonly token: string;
  readonly customer: string;
  readonly count: number;
  readonly warmup: number;
  readonly concurrency: number;
  readonly seed: number;
}

export interface LoadResult {
  readonly elapsedMs: number;
  readonly latenciesMs: number[];
  readonly ok: number;
  readonly failures: number;
  readonly firstFailure: string | undefined;
}

async function run(job: LoadJob): Promise<LoadResult> {
  const rand = seeded(job.seed).next;
  const body = (i: number) => {
    const pick = pickKind(rand);
    return JSON.stringify({
      customer: job.customer,
      kind: pick[0],
      priority: pick[1],
      channel: CHANNELS[Math.floor(rand() * CHANNELS.length)],
      subject: `API ticket ${i}`,
      body: 'Created by bench/clocks.ts over the HTTP API.',
    });
  };
  const headers = { authorization: `Bearer ${job.token}`, 'content-type': 'application/json' };
  const endpoint = `${job.url}/api/v1/tickets`;

  const latencies: number[] = [];
  let ok = 0;
  let failures = 0;
  let firstFailure: string | undefined;
  let next = 0;
  const all = job.warmup + job.count;
  let timedStart = 0;

  const client = async () => {
    for (;;) {
      const i = next++;
      if (i >= all) return;
      if (i === job.warmup) timedStart = performance.now();
      const payload = body(i);
      const t0 = performance.now();
      let status = 0;
      let text: string;
      try {
        const res = await fetch(endpoint, { method: 'POST', headers, body: payload });
        text = await res.text();
        status = res.status;
      } catch (err) {
        text = (err as Error).message;
      }
      const dt = performance.now() - t0;
      if (i < job.warmup) continue;
      if (status === 201) {
        ok++;
        latencies.push(dt);
      } else {
        failures++;
        firstFailure ??= `HTTP ${status}: ${text.slice(0, 300)}`;
      }
    }
  };
  // Warm up with the same clients, then time the rest; the clock starts at the first timed request.
  await Promise.all(Array.from({ length: Math.max(1, job.concurrency) }, client));
  const elapsedMs = performance.now() - (timedStart || performance.now());
  return { elapsedMs, latenciesMs: latencies, ok, failures, firstFailure };
}

/** Runs `job` in a worker thread of its own. */
export function runApiLoad(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./api-load-worker.js', import.meta.url), {
      workerData: job,
    });
    worker.once('message', (m: { result?: LoadResult; error?: string }) => {
      if (m.result) resolve(m.result);
      else reject(new Error(`API load worker failed: ${m.error}`));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0 && code !== 1) reject(new Error(`API load worker exited with code ${code}`));
    });
  });
}

if (parentPort) {
  const port = parentPort;
  run(workerData as LoadJob).then(
    (result) => port.postMessage({ result }),
    (err: unknown) => port.postMessage({ error: (err as Error).stack ?? String(err) }),
  );
}
