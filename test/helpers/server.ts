import type { Logger } from 'pino';
import { resolveConfig } from '../../src/runtime/config.js';
import { createLogger } from '../../src/runtime/logger.js';
import { startServer, type ServerApp } from '../../src/runtime/server-app.js';
import { ManualTime } from '../../src/runtime/time.js';
import type { TestDatabase } from './databases.js';
import { ManualTimers } from './manual-timers.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface ApiReply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestServer {
  readonly app: ServerApp;
  readonly url: string;
  readonly time: ManualTime;
  /** Moves the clock, running every probe, flush and availability pass due on the way. */
  advance(ms: number): Promise<void>;
  readonly timers: ManualTimers;
  /** Where its data lives, for CLI commands run beside it. */
  readonly location: { readonly url: string | undefined; readonly dataDir: string };
  /** Calls the API; the admin token unless `token` says otherwise (null: none). */
  api<T = any>(
    method: string,
    path: string,
    body?: unknown,
    token?: string | null,
  ): Promise<ApiReply<T>>;
  /** Sends a raw body with the given content type. */
  raw(
    method: string,
    path: string,
    body: string | Buffer,
    headers?: Record<string, string>,
  ): Promise<ApiReply>;
  close(): Promise<void>;
}

const silent: Logger = createLogger('silent');

/**
 * A real Surety server on a loopback port, on a fresh database, with a clock the test
 * moves by hand and the background sweep off (tests run it when they mean to).
 */
export async function startTestServer(
  db: TestDatabase,
  options: {
    now?: string;
    policy?: string;
    env?: Record<string, string>;
    logger?: Logger;
    maxSeries?: number;
    warmViews?: boolean;
    /** Start on this database instead of a fresh one (a restart); closing leaves it in place. */
    location?: { url: string | undefined; dataDir: string };
  } = {},
): Promise<TestServer> {
  const location = options.location
    ? { ...options.location, cleanup: async () => {} }
    : await db.fresh();
  const time = new ManualTime(Date.parse(options.now ?? '2026-10-05T08:00:00Z'));
  const config = {
    ...resolveConfig(
      {
        port: '0',
        dataDir: location.dataDir,
        db: location.url,
        adminToken: ADMIN_TOKEN,
        policy: options.policy,
        maxSeries: options.maxSeries?.toString(),
      },
      options.env ?? {},
    ),
  };
  const timers = new ManualTimers(time);
  const app = await startServer(config, {
    time,
    logger: options.logger ?? silent,
    sweepIntervalMs: 0,
    probeTimers: timers,
    warmViews: options.warmViews ?? false,
  });
  timers.settle = async () => {
    await app.availability.idle();
    await new Promise((r) => setImmediate(r));
    await app.availability.idle();
  };
  const call = async (
    method: string,
    path: string,
    body: string | Buffer | undefined,
    headers: Record<string, string>,
  ): Promise<ApiReply> => {
    const res = await fetch(`${app.url}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return {
    app,
    url: app.url,
    time,
    advance: (ms) => timers.advance(ms),
    timers,
    location: { url: location.url, dataDir: location.dataDir },
    api(method, path, body, token = ADMIN_TOKEN) {
      const headers: Record<string, string> = {};
      if (token !== null) headers.authorization = `Bearer ${token}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      return call(method, path, body === undefined ? undefined : JSON.stringify(body), headers);
    },
    raw(method, path, body, headers = {}) {
      return call(method, path, body, { authorization: `Bearer ${ADMIN_TOKEN}`, ...headers });
    },
    async close() {
      await app.close();
      await location.cleanup();
    },
  };
}
