import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import type { TimeSource } from '../domain/time.js';
import type { AuditSigner } from '../services/audit/signer.js';
import { watchAudit } from '../services/audit/watch.js';
import type { Store } from '../services/store/index.js';
import { periodicPass, type PeriodicPass } from './periodic-pass.js';

export type AuditWatch = PeriodicPass<Awaited<ReturnType<typeof watchAudit>>>;

/** The hourly checkpoint and the daily check (services/audit/watch.ts), looked at every minute. */
export function startAuditWatch(
  store: Store,
  signer: AuditSigner,
  time: TimeSource,
  logger: Logger,
  intervalMs = 60_000,
): AuditWatch {
  const owner = randomUUID();
  return periodicPass({
    intervalMs,
    firstDelayMs: Math.min(intervalMs, 5_000),
    fallback: {},
    pass: async () => {
      const r = await watchAudit(store, signer, time.now(), owner);
      if (r.checkpoint) logger.debug({ seq: r.checkpoint.seq }, 'audit head signed');
      if (r.verification && !r.verification.ok)
        logger.error(
          { problems: r.verification.problems.length, first: r.verification.problems[0]?.message },
          'the audit log does not verify',
        );
      else if (r.verification)
        logger.info({ entries: r.verification.entries }, 'audit log verified');
      return r;
    },
    onError: (err) => logger.error({ err }, 'audit check failed; retrying on the next tick'),
  });
}
