import { join } from 'node:path';
import type { Logger } from 'pino';
import type { TimeSource } from '../domain/time.js';
import { SYSTEM } from '../services/context.js';
import { fillDemo } from '../services/demo/fill.js';
import { FORMATS } from '../services/metrics/formats.js';
import { MetricsPipeline } from '../services/metrics/pipeline.js';
import { createToken } from '../services/tokens/create.js';
import { WriteAheadLog } from '../storage/wal/write-ahead-log.js';
import type { Config } from './config.js';
import { openCore } from './core.js';

/**
 * `surety demo`: a fresh data dir filled with a generated quarter, and tokens to look at it
 * with (an admin's and one customer's). Metrics go through the real pipeline and its log.
 */
export async function runDemo(
  config: Config,
  input: Record<string, unknown>,
  options: { time?: TimeSource; logger?: Logger } = {},
) {
  const core = await openCore(config, options);
  try {
    const log = await WriteAheadLog.open(join(config.dataDir, 'wal', 'metrics'));
    const pipeline = new MetricsPipeline(
      core.store,
      log,
      core.time,
      { maxSeries: config.maxSeries, maxFutureMs: config.maxFutureMs },
      core.policy.metrics,
    );
    await pipeline.recover();
    try {
      const ctx = core.context({ ...SYSTEM, id: 'demo' });
      const filled = await fillDemo({
        ctx,
        input,
        metrics: async (body) =>
          (await pipeline.ingest(FORMATS.lineProtocol, body, { precision: 's', partial: false }))
            .points,
      });
      const admin = await createToken({ ctx, input: { role: 'admin', name: 'demo admin' } });
      const customer = await createToken({
        ctx,
        input: { role: 'customer', customer: 'acme', name: 'demo customer (ACME)' },
      });
      return { ...filled, adminToken: admin.token, customerToken: customer.token };
    } finally {
      await pipeline.stop();
    }
  } finally {
    await core.close();
  }
}
