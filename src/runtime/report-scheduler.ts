import type { Logger } from 'pino';
import type { ServiceContext } from '../services/context.js';
import type { AvailabilityFacts } from '../services/credits/availability-facts.js';
import type { PdfPrinter } from '../services/reports/generate.js';
import { runScheduledReports, type ScheduleOutcome } from '../services/reports/run-schedules.js';

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
export function startReportScheduler(ctx: ServiceContext, logger: Logger, options: { intervalMs: number; pdf?: PdfPrinter | undefined; availability?: AvailabilityFacts | undefined }): ReportScheduler {
  let running: Promise<readonly ScheduleOutcome[]> = Promise.resolve([]);
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const runOnce = () => {
    running = running.then(async () => {
      try {
        return await runScheduledReports({ ctx, pdf: options.pdf, availability: options.availability, log: logger });
      } catch (err) {
        logger.error({ err }, 'the scheduled-report pass failed; retrying on the next tick');
        return [];
      }
    });
    return running;
  };
  const tick = () => {
    if (stopped) return;
    void runOnce().finally(() => {
      if (!stopped) timer = setTimeout(tick, options.intervalMs);
    });
  };
  if (options.intervalMs > 0 && ctx.policy.reports.schedules.size > 0) timer = setTimeout(tick, Math.min(options.intervalMs, 5_000));
  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
