import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { TimeSource } from '../domain/time.js';
import { buildHttpServer } from '../http/server.js';
import { SYSTEM } from '../services/context.js';
import { ensureAdminToken } from '../services/tokens/bootstrap.js';
import { hashSecret } from '../services/tokens/secret.js';
import type { Config } from './config.js';
import { openCore, type Core } from './core.js';
import { createLogger } from './logger.js';
import { startSweeper, type Sweeper } from './sweeper.js';

export interface ServerApp {
  readonly url: string;
  readonly core: Core;
  readonly http: FastifyInstance;
  readonly sweeper: Sweeper;
  /** Set on the first start without a configured admin token: the secret to show the operator once. */
  readonly generatedAdminToken: string | undefined;
  close(): Promise<void>;
}

export interface ServerOptions {
  readonly time?: TimeSource;
  readonly logger?: Logger;
  /** 0 turns the background sweep off (tests drive it by hand). */
  readonly sweepIntervalMs?: number;
}

/** The composition root of `surety serve`: core, HTTP shell and background sweep, wired together. */
export async function startServer(config: Config, options: ServerOptions = {}): Promise<ServerApp> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const core = await openCore(config, { time: options.time, logger });
  try {
    const generatedAdminToken = config.adminToken ? undefined : await ensureAdminToken(core.store, core.time.now());
    const http = await buildHttpServer({
      store: core.store,
      policy: core.policy,
      time: core.time,
      adminTokenHash: config.adminToken ? hashSecret(config.adminToken) : undefined,
      logger,
      bodyLimitBytes: config.bodyLimitBytes,
    });
    const sweeper = startSweeper(core.context(SYSTEM), logger.child({ component: 'sweeper' }), options.sweepIntervalMs ?? 1000);
    const url = await http.listen({ port: config.port, host: config.host });
    return {
      url,
      core,
      http,
      sweeper,
      generatedAdminToken,
      async close() {
        await sweeper.stop();
        await http.close();
        await core.close();
      },
    };
  } catch (err) {
    await core.close();
    throw err;
  }
}
