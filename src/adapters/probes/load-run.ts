import autocannon from 'autocannon';

import type { LoadResult, LoadSpec } from '../../sources/probes/load-runner.js';

/**
 * A bounded load run by autocannon (the Fastify team's load tool), turned into the figures a
 * stress test is judged by.
 */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const started = performance.now();
  const r = await autocannon({
    url: spec.url,
    connections: spec.concurrency,
    amount: spec.requests,
    duration: Math.max(1, Math.ceil(spec.maxDurationMs / 1000)),
    timeout: 10,
    // The run is bounded by `amount` and `duration`; no retries, no pipelining surprises.
    pipelining: 1,
  });
  const durationMs = performance.now() - started;
  const bad = r.errors + r.timeouts + r.non2xx - (r['3xx'] ?? 0);
  const requests = Math.max(r.requests.total, 0);
  const seen = Math.max(1, requests + r.errors + r.timeouts);
  return {
    requests,
    errors: Math.max(0, bad),
    errorRatePercent: Math.round((Math.max(0, bad) / seen) * 100_000) / 1000,
    durationMs: Math.round(durationMs),
    requestsPerSecond: Math.round((requests / Math.max(1, durationMs)) * 1000),
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
  };
}
