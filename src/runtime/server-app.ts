import { loadRunner } from './checkers.js';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { TimeSource } from '../domain/time.js';
import { buildHttpServer } from '../http/server.js';
import { MetricsPipeline } from '../services/metrics/pipeline.js';
import { WriteAheadLog } from '../storage/wal/write-ahead-log.js';
import { refreshIfPolicyChanged } from '../services/clocks/refresh-on-policy-change.js';
import { SYSTEM } from '../services/context.js';
import { overview } from '../services/views/overview.js';
import { ensureAdminToken } from '../services/tokens/bootstrap.js';
import { hashSecret } from '../services/tokens/secret.js';
import type { Config } from './config.js';
import { openCore, type Core } from './core.js';
import { createLogger } from './logger.js';
import { startSweeper, type Sweeper } from './sweeper.js';
import { startAvailability, type Availability } from './availability.js';
import { availabilityCreditFacts } from '../services/availability/credit-facts.js';
import type { SchedulerTimers } from '../sources/probes/probe-scheduler.js';
import { buildChannels } from './channels.js';
import { startConsequences, type Consequences } from './consequences.js';
import { workerEvaluation } from './worker-evaluation.js';
import { pdfPrinter } from './pdf-printer.js';
import { WEB_ROOT } from './paths.js';
import { periodicPass } from './periodic-pass.js';
import { startReportScheduler, type ReportScheduler } from './report-scheduler.js';
import { startAuditWatch, type AuditWatch } from './audit-loop.js';

/** Opens the metric log, replays what it holds beyond the last flush, and starts flushing. */
async function startMetricsPipeline(
  config: Config,
  core: Core,
  logger: Logger,
): Promise<{ pipeline: MetricsPipeline; stop(): Promise<void> }> {
  const log = await WriteAheadLog.open(join(config.dataDir, 'wal', 'metrics'));
  // The evaluation runs in a worker thread with its own connection, unless configured off.
  const evaluation = config.metricsWorker
    ? await workerEvaluation({ url: config.db, dataDir: config.dataDir }, core.policy.metrics)
    : undefined;
  const pipeline = new MetricsPipeline(
    core.store,
    log,
    core.time,
    { maxSeries: config.maxSeries, maxFutureMs: config.maxFutureMs },
    core.policy.metrics,
    evaluation,
  );
  let replayed;
  try {
    replayed = await pipeline.recover();
  } catch (err) {
    await evaluation?.close();
    await log.close();
    throw err;
  }
  if (replayed.records > 0) logger.info(replayed, 'metrics replayed from the log');
  // The flush runs as a periodic pass of the runtime's, like every other loop.
  const flushes = periodicPass({
    intervalMs: config.metricsFlushMs,
    fallback: undefined,
    pass: () => pipeline.flush(),
    onError: (err) => logger.error({ err }, 'metrics flush failed; retrying'),
  });
  return {
    pipeline,
    async stop() {
      await flushes.stop();
      await pipeline.stop();
    },
  };
}

export interface ServerApp {
  readonly url: string;
  readonly core: Core;
  readonly http: FastifyInstance;
  readonly sweeper: Sweeper;
  readonly pipeline: MetricsPipeline;
  /** The probes (location local) and the availability loop. */
  readonly availability: Availability;
  /** Alerts, escalation, the notification outbox and live credits. */
  readonly consequences: Consequences;
  /** Scheduled reports (the policy's reports section), delivered through the consequences' outbox. */
  readonly reports: ReportScheduler;
  /** The audit log's hourly checkpoint and daily check. */
  readonly audit: AuditWatch;
  /** Set on the first start without a configured admin token: the secret to show the operator once. */
  readonly generatedAdminToken: string | undefined;
  /** Resolves once the dashboard's overview has been read at start (see `warmViews`). */
  readonly warmed: Promise<void>;
  /** Resolves once the clocks a new policy version governs have been re-derived at start. */
  readonly rederived: Promise<void>;
  close(): Promise<void>;
}

export interface ServerOptions {
  readonly time?: TimeSource;
  readonly logger?: Logger;
  /** 0 turns the background sweep off (tests drive it by hand). */
  readonly sweepIntervalMs?: number;
  /** Timers for the probes and the availability loop; tests pass ones they move by hand. */
  readonly probeTimers?: SchedulerTimers;
  /** 0 turns the consequences loop off (tests drive it by hand). */
  readonly consequencesIntervalMs?: number;
  /** 0 turns the scheduled-report loop off (tests drive it by hand); 60 s by default, off when the sweep is. */
  readonly reportsIntervalMs?: number;
  /** Environment for channel settings written as { env: NAME }. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Read the overview once at start, so its closed months are cached before the first visitor; on unless the sweep is off. */
  readonly warmViews?: boolean;
  /** 0 turns the audit checkpoint and check off (tests drive them by hand); off when the sweep is. */
  readonly auditIntervalMs?: number;
}

/** The composition root of `surety serve`: core, HTTP shell and background sweep, wired together. */
export async function startServer(config: Config, options: ServerOptions = {}): Promise<ServerApp> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const core = await openCore(config, { time: options.time, logger, startedBy: 'system' });
  let started: { stop(): Promise<void> } | undefined;
  try {
    // First: a channel whose settings cannot be read stops the start before anything runs.
    const channels = buildChannels(core.policy.notifications, options.env ?? process.env, logger);
    const generatedAdminToken = config.adminToken
      ? undefined
      : await ensureAdminToken(core.store, core.time.now());
    const metrics = (started = await startMetricsPipeline(
      config,
      core,
      logger.child({ component: 'metrics' }),
    ));
    const pipeline = metrics.pipeline;
    const availability = await startAvailability(
      core,
      logger.child({ component: 'availability' }),
      options.probeTimers,
    );
    const creditFacts = availabilityCreditFacts(core.store, core.policy, core.time);
    const pdf = pdfPrinter(config);
    const http = await buildHttpServer({
      pipeline,
      store: core.store,
      policy: core.policy,
      terms: core.terms,
      time: core.time,
      adminTokenHash: config.adminToken ? hashSecret(config.adminToken) : undefined,
      logger,
      bodyLimitBytes: config.bodyLimitBytes,
      probes: {
        checkers: () => availability.checkers(),
        runLoad: loadRunner(),
        changed: () => availability.prober.changed(),
        pinged: (id) => availability.prober.checkNow(id),
      },
      availability: creditFacts,
      pdf,
      signer: core.signer,
      webRoot: WEB_ROOT,
    });
    const sweeper = startSweeper(
      core.context(SYSTEM),
      logger.child({ component: 'sweeper' }),
      options.sweepIntervalMs ?? 1000,
    );
    const consequences = startConsequences(
      core.context(SYSTEM),
      channels,
      logger.child({ component: 'consequences' }),
      {
        intervalMs: options.consequencesIntervalMs ?? options.sweepIntervalMs ?? 1000,
        availability: creditFacts,
      },
    );
    const reports = startReportScheduler(
      core.context(SYSTEM),
      logger.child({ component: 'reports' }),
      {
        intervalMs: options.reportsIntervalMs ?? (options.sweepIntervalMs === 0 ? 0 : 60_000),
        pdf,
        signer: core.signer,
        availability: creditFacts,
      },
    );
    const audit = startAuditWatch(
      core.store,
      core.signer,
      core.time,
      logger.child({ component: 'audit' }),
      options.auditIntervalMs ?? (options.sweepIntervalMs === 0 ? 0 : 60_000),
    );
    // Clocks stored under an earlier policy are re-derived in the background; reads are
    // exact meanwhile, because every read derives clocks afresh from the history.
    const recompute = refreshIfPolicyChanged({ ctx: core.context(SYSTEM) })
      .then(async (n) => {
        await core.store.optimize();
        return n;
      })
      .then(
        (n) =>
          n !== undefined &&
          n > 0 &&
          logger.info({ tickets: n }, 'policy changed: clocks re-derived'),
        (err) =>
          logger.error(
            { err },
            're-deriving clocks after a policy change failed; they are re-derived on each ticket change instead',
          ),
      );
    // Planner statistics go stale as tickets are imported; refreshing them is cheap (about a
    // second at a million tickets on PostgreSQL) and keeps the sweep on its index.
    // The overview's trend reads each closed month once per process (services/compliance/
    // facts-cache.ts); done now, not at the first visitor's request, the first dashboard load is
    // as fast as the later ones (measured with a year of data: 0.8–1.2 s cold, 0.2–0.35 s warm).
    const warmed =
      (options.warmViews ?? options.sweepIntervalMs !== 0)
        ? recompute
            .then(() => overview({ ctx: core.context(SYSTEM), input: {} }))
            .then(
              () => undefined,
              (err: Error) =>
                logger.warn(
                  { err },
                  'reading the overview at start failed; the first request reads it instead',
                ),
            )
        : Promise.resolve();
    const maintenance = setInterval(
      () =>
        void core.store
          .optimize()
          .catch((err) => logger.warn({ err }, 'refreshing planner statistics failed')),
      15 * 60_000,
    );
    maintenance.unref();
    const url = await http.listen({ port: config.port, host: config.host });
    return {
      url,
      core,
      http,
      sweeper,
      pipeline,
      availability,
      consequences,
      reports,
      audit,
      generatedAdminToken,
      warmed,
      rederived: recompute.then(() => undefined),
      async close() {
        clearInterval(maintenance);
        await recompute;
        await warmed;
        await sweeper.stop();
        await reports.stop();
        await audit.stop();
        await availability.stop();
        await consequences.stop();
        await channels.close();
        await http.close();
        await metrics.stop();
        await core.close();
      },
    };
  } catch (err) {
    await started?.stop().catch(() => {});
    await core.close();
    throw err;
  }
}
