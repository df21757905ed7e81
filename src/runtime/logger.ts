import { pino, type Logger } from 'pino';

/**
 * One root logger; components take a child with their name. Credentials are redacted
 * wherever they might appear, so a secret never reaches a log line.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { app: 'surety' },
      redact: { paths: ['req.headers.authorization', 'headers.authorization', 'token', '*.token', 'adminToken', '*.adminToken'], censor: '[redacted]' },
    },
    destination as never,
  );
}
export type { Logger };
