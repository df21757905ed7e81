import type { Logger } from 'pino';
import type { AuditSigner } from '../services/audit/signer.js';
import type { ServiceContext } from '../services/context.js';
import type { AvailabilityCreditFacts } from '../services/credits/availability-credit-facts.js';
import type { PdfPrinter } from '../services/reports/generate.js';
import { runScheduledReports, type ScheduleOutcome } from '../services/reports/run-schedules.js';
import { periodicPass } from './periodic-pass.js';

export interface ReportScheduler {
  /** One pass now (after any running one): generates what is due. Tests drive time with this. */
  runOnce(): Promise<readonly ScheduleOutcome[]>;
  stop(): Promise<void>;
}

/**
 * The background loop of scheduled reports, on the injected clock: every `intervalMs` it
 * generates the reports whose time has come (the runs in the database say which were made).
 * Delivery is the consequences loop's, through the outbox. Runs never overlap; a failed pass
 * is logged and the next one tries again.
 */
export function startReportScheduler(
  ctx: ServiceContext,
  logger: Logger,
  options: {
    intervalMs: number;
    pdf?: PdfPrinter | undefined;
    signer?: AuditSigner | undefined;
    availability?: AvailabilityCreditFacts | undefined;
  },
): ReportScheduler {
  return periodicPass<readonly ScheduleOutcome[]>({
    // Without schedules there is nothing to run: only runOnce (tests) does anything.
    intervalMs: ctx.policy.reports.schedules.size > 0 ? options.intervalMs : 0,
    firstDelayMs: Math.min(options.intervalMs, 5_000),
    fallback: [],
    pass: () =>
      runScheduledReports({
        ctx,
        pdf: options.pdf,
        signer: options.signer,
        availability: options.availability,
        log: logger,
      }),
    onError: (err) =>
      logger.error({ err }, 'the scheduled-report pass failed; retrying on the next tick'),
  });
}
