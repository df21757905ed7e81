import type { Logger } from 'pino';
import { sweepClocks } from '../services/clocks/sweep.js';
import type { ServiceContext } from '../services/context.js';
import type { Signal } from '../services/store/index.js';
import { periodicPass } from './periodic-pass.js';

export interface Sweeper {
  /** Runs one sweep now (after any running one); returns what it emitted. */
  runOnce(): Promise<readonly Signal[]>;
  stop(): Promise<void>;
}

/**
 * Settles clocks as their warnings and deadlines pass, every `intervalMs`. Runs never
 * overlap; a failed run is logged and the next one tries again.
 */
export function startSweeper(ctx: ServiceContext, logger: Logger, intervalMs = 1000): Sweeper {
  return periodicPass<readonly Signal[]>({
    intervalMs,
    fallback: [],
    pass: async () => {
      const { signals } = await sweepClocks({ ctx });
      for (const s of signals)
        logger.info(
          {
            signal: s.type,
            subject: `${s.subjectType}:${s.subjectId}`,
            commitment: s.commitment,
            at: new Date(s.at).toISOString(),
          },
          'clock changed',
        );
      return signals;
    },
    onError: (err) => logger.error({ err }, 'clock sweep failed; retrying on the next tick'),
  });
}
