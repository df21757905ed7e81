/**
 * A bounded load run against one target: `requests` requests over `concurrency` connections,
 * stopped at `maxDurationMs` whatever happens. Declared here, by its users (the stress
 * tests); runtime plugs in the real one (adapters/probes/load-run.ts).
 */
export interface LoadSpec {
  readonly url: string;
  readonly requests: number;
  readonly concurrency: number;
  readonly maxDurationMs: number;
}

export interface LoadResult {
  readonly requests: number;
  /** Socket errors, timeouts and answers that are not 2xx/3xx. */
  readonly errors: number;
  readonly errorRatePercent: number;
  readonly durationMs: number;
  readonly requestsPerSecond: number;
  readonly latencyMs: {
    readonly p50: number;
    readonly p90: number;
    readonly p99: number;
    readonly max: number;
  };
}

export type LoadRunner = (spec: LoadSpec) => Promise<LoadResult>;
