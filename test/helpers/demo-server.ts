import { SYSTEM } from '../../src/services/context.js';
import { fillDemo } from '../../src/services/demo/fill.js';
import { FORMATS } from '../../src/services/metrics/formats.js';
import type { TestDatabase } from './databases.js';
import { startTestServer, type TestServer } from './server.js';

/** "Now" for the generated data: early November, so October 2026 is a whole month behind it. */
export const DEMO_NOW = '2026-11-03T08:00:00.000Z';

/**
 * A real server on loopback filled with generated service history (the `surety demo`
 * generator, seeded, so every run has the same tickets), and a customer token for ACME.
 */
export async function startDemoServer(
  db: TestDatabase,
  options: {
    days?: number;
    ticketsPerDay?: number;
    metricStepMinutes?: number;
    env?: Record<string, string>;
  } = {},
): Promise<TestServer & { customerToken: string }> {
  const s = await startTestServer(db, { now: DEMO_NOW, env: options.env });
  try {
    const ctx = s.app.core.context({ ...SYSTEM, id: 'test' });
    await fillDemo({
      ctx,
      input: {
        days: options.days ?? 45,
        ticketsPerDay: options.ticketsPerDay ?? 15,
        metricStepMinutes: options.metricStepMinutes ?? 0,
        seed: 11,
      },
      metrics: async (body) =>
        (
          await s.app.pipeline.ingest(FORMATS.lineProtocol, body, {
            precision: 's',
            partial: false,
          })
        ).points,
    });
    await s.app.pipeline.flush();
    const token = await s.api('POST', '/api/v1/tokens', { role: 'customer', customer: 'acme' });
    return Object.assign(s, { customerToken: token.body.token as string });
  } catch (err) {
    await s.close();
    throw err;
  }
}
