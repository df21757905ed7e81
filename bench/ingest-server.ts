/**
 * Surety as bench/ingest.ts runs it: a child process (so its CPU and memory are its own, and
 * `node --cpu-prof` can profile it) that starts the server in-process and answers the
 * benchmark over the IPC channel: where it listens, its counters and memory, a flush, a
 * garbage collection (with --expose-gc), and stop.
 *
 *   node [--expose-gc] [--cpu-prof] dist/bench/ingest-server.js '<ServerJob as JSON>'
 */
import { resolveConfig } from '../src/runtime/config.js';
import { createLogger } from '../src/runtime/logger.js';
import { startServer, type ServerApp } from '../src/runtime/server-app.js';

export interface ServerJob {
  readonly dataDir: string;
  readonly db: string | undefined;
  readonly adminToken: string;
  readonly policy: string;
  readonly maxSeries: number;
}

export interface ServerStats {
  readonly pid: number;
  readonly accepted: number;
  readonly series: number;
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly external: number;
  readonly arrayBuffers: number;
  /** process.cpuUsage(), microseconds. */
  readonly cpuUserUs: number;
  readonly cpuSystemUs: number;
}

export type ServerRequest = { id: number; op: 'stats' | 'flush' | 'gc' | 'stop' };
export type ServerReply =
  { id: number; stats?: ServerStats; error?: string } | { ready: string } | { failed: string };

function stats(app: ServerApp): ServerStats {
  const m = process.memoryUsage();
  const c = process.cpuUsage();
  return {
    pid: process.pid,
    accepted: app.pipeline.accepted,
    series: app.pipeline.seriesCount,
    rss: m.rss,
    heapUsed: m.heapUsed,
    heapTotal: m.heapTotal,
    external: m.external,
    arrayBuffers: m.arrayBuffers,
    cpuUserUs: c.user,
    cpuSystemUs: c.system,
  };
}

async function main() {
  const job = JSON.parse(process.argv[2] ?? '{}') as ServerJob;
  const send = (m: ServerReply) => process.send?.(m);
  const config = resolveConfig(
    {
      port: '0',
      dataDir: job.dataDir,
      db: job.db,
      adminToken: job.adminToken,
      policy: job.policy,
      maxSeries: String(job.maxSeries),
      logLevel: 'warn',
    },
    {},
  );
  const app = await startServer(config, { logger: createLogger('warn'), sweepIntervalMs: 0 });
  process.on('message', (raw: ServerRequest) => {
    void (async () => {
      try {
        switch (raw.op) {
          case 'stats':
            return send({ id: raw.id, stats: stats(app) });
          case 'flush':
            await app.pipeline.flush();
            return send({ id: raw.id, stats: stats(app) });
          case 'gc': {
            const gc = (globalThis as { gc?: () => void }).gc;
            // Twice: the first pass may only queue finalizers that free more.
            gc?.();
            await new Promise((r) => setImmediate(r));
            gc?.();
            // The evaluator and store threads too: what they hold is part of what a series costs.
            await app.pipeline.collectGarbage();
            return send({ id: raw.id, stats: stats(app) });
          }
          case 'stop':
            await app.close();
            send({ id: raw.id });
            // process.exit lets --cpu-prof write its profile.
            return setImmediate(() => process.exit(0));
        }
      } catch (err) {
        send({ id: raw.id, error: (err as Error).stack ?? String(err) });
      }
    })();
  });
  // The parent going away (Ctrl-C, a crash) must not leave a server behind.
  process.on('disconnect', () => void app.close().finally(() => process.exit(0)));
  send({ ready: app.url });
}

main().catch((err: unknown) => {
  process.send?.({ failed: (err as Error).stack ?? String(err) });
  process.exit(1);
});
