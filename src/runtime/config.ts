import { join, resolve } from 'node:path';
import { invalidInput } from '../domain/errors.js';
import { DEFAULT_POLICY } from './paths.js';

/** Everything Surety reads from its surroundings, parsed once at start. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** The Ed25519 private key (PEM) that signs audit checkpoints; created there if missing. */
  readonly auditKeyPath: string;
  /** postgres://… or sqlite:PATH; undefined for the SQLite file in the data directory. */
  readonly db: string | undefined;
  readonly adminToken: string | undefined;
  readonly policyPath: string;
  readonly logLevel: string;
  readonly bodyLimitBytes: number;
  /** Metric series held at most (memory is about 0.6 KiB a series). */
  readonly maxSeries: number;
  /** How often metric rollups are flushed to the database. */
  readonly metricsFlushMs: number;
  /** Metric timestamps further ahead of the receive time are refused. */
  readonly maxFutureMs: number;
  /** Evaluate metrics (rollups, detector, rules, flush) in a worker thread: uses a second core. */
  readonly metricsWorker: boolean;
  /** Headless Chromium for PDF reports (Debian's package). */
  readonly chromiumPath: string;
  /**
   * Whether glibc was told to return large freed buffers to the system (MALLOC_MMAP_THRESHOLD_,
   * read by glibc at process start only); `surety serve` suggests it when it is missing.
   */
  readonly mallocTuned: boolean;
}

export const DEFAULTS = {
  port: 8080,
  host: '127.0.0.1',
  dataDir: './data',
  logLevel: 'info',
  bodyLimitBytes: 1024 * 1024,
  maxSeries: 1_000_000,
  metricsFlushMs: 5_000,
  maxFutureMs: 60 * 60_000,
  chromiumPath: '/usr/bin/chromium',
} as const;

/** Flags as the CLI parsed them; each falls back to its environment variable, then to the default. */
export interface ConfigFlags {
  readonly port?: string | undefined;
  readonly host?: string | undefined;
  readonly dataDir?: string | undefined;
  readonly db?: string | undefined;
  readonly adminToken?: string | undefined;
  readonly policy?: string | undefined;
  readonly logLevel?: string | undefined;
  readonly maxSeries?: string | undefined;
  readonly chromium?: string | undefined;
}

export function resolveConfig(
  flags: ConfigFlags,
  env: Readonly<Record<string, string | undefined>>,
): Config {
  const pick = (flag: string | undefined, name: string) =>
    flag !== undefined && flag !== '' ? flag : env[name] || undefined;
  const portText = pick(flags.port, 'SURETY_PORT') ?? String(DEFAULTS.port);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535)
    throw invalidInput(
      `port: "${portText}" is not a TCP port (0-65535); set --port or SURETY_PORT`,
    );
  const adminToken = pick(flags.adminToken, 'SURETY_ADMIN_TOKEN');
  if (adminToken !== undefined && adminToken.length < 16) {
    throw invalidInput(
      'admin token: it must be at least 16 characters long; a short token is easy to guess',
    );
  }
  const dataDir = resolve(pick(flags.dataDir, 'SURETY_DATA_DIR') ?? DEFAULTS.dataDir);
  return {
    port,
    host: pick(flags.host, 'SURETY_HOST') ?? DEFAULTS.host,
    dataDir,
    auditKeyPath: resolve(env.SURETY_AUDIT_KEY_FILE || join(dataDir, 'audit-key.pem')),
    db: pick(flags.db, 'SURETY_DB'),
    adminToken,
    policyPath: resolve(pick(flags.policy, 'SURETY_POLICY') ?? DEFAULT_POLICY),
    logLevel: pick(flags.logLevel, 'SURETY_LOG_LEVEL') ?? DEFAULTS.logLevel,
    bodyLimitBytes: DEFAULTS.bodyLimitBytes,
    maxSeries: positiveInteger(
      pick(flags.maxSeries, 'SURETY_MAX_SERIES'),
      DEFAULTS.maxSeries,
      'max series: set --max-series or SURETY_MAX_SERIES',
    ),
    mallocTuned: process.platform !== 'linux' || env.MALLOC_MMAP_THRESHOLD_ !== undefined,
    metricsFlushMs: positiveInteger(
      env.SURETY_METRICS_FLUSH_MS,
      DEFAULTS.metricsFlushMs,
      'metrics flush interval: SURETY_METRICS_FLUSH_MS (milliseconds)',
    ),
    maxFutureMs: DEFAULTS.maxFutureMs,
    metricsWorker: env.SURETY_METRICS_WORKER !== '0',
    chromiumPath: pick(flags.chromium, 'SURETY_CHROMIUM') ?? DEFAULTS.chromiumPath,
  };
}

function positiveInteger(text: string | undefined, fallback: number, what: string): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1)
    throw invalidInput(`${what}: "${text}" is not a positive whole number`);
  return n;
}

/** The configuration of this process: its flags over its environment. */
export function configFromEnvironment(flags: ConfigFlags): Config {
  return resolveConfig(flags, process.env);
}
