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
      // Request logs name the route, never a credential passed in the query string.
      serializers: {
        req: (req: { method?: string; url?: string }) => ({
          method: req.method,
          url: redactUrl(req.url ?? ''),
        }),
      },
      redact: {
        paths: [
          'req.headers.authorization',
          'headers.authorization',
          'token',
          '*.token',
          'adminToken',
          '*.adminToken',
        ],
        censor: '[redacted]',
      },
    },
    destination as never,
  );
}
export type { Logger };

/** A URL as it may be logged: credentials in the query (Influx's `p`, `u`, tokens) are masked. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:p|u|token|password)=)[^&]*/gi, '$1[redacted]');
}
