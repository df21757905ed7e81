import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { SECOND } from '../../domain/duration.js';

/**
 * One HTTP request and its answer, over pooled keep-alive connections, with the body read up
 * to a cap. node:http rather than the undici package: the checker needs the peer certificate
 * of the very connection that answered (undici hides its sockets), and 10,000 monitors every
 * 30 s is ~330 requests/s, well within node:http on one core. No dependency to add.
 */

export interface HttpAgents {
  readonly http: http.Agent;
  readonly https: https.Agent;
}

export interface HttpAgentOptions {
  /** Extra trusted CAs (a private PKI); replaces Node's bundled roots, so include them if needed. */
  readonly ca?: string | Buffer | ReadonlyArray<string | Buffer>;
  /** How long an idle connection is kept for the next check of the same host. */
  readonly idleMs?: number;
  /** The local address checks connect from (a multi-homed agent choosing its network). */
  readonly localAddress?: string;
}

/**
 * Idle connections are kept 45 s by default: longer than the usual 30 s interval, so a
 * monitor reuses its connection, and shorter than common server idle limits (nginx 75 s,
 * AWS ALB 60 s). Servers that announce `Keep-Alive: timeout=N` are honoured by Node itself.
 */
export function createHttpAgents(options: HttpAgentOptions = {}): HttpAgents {
  const common = {
    keepAlive: true,
    timeout: options.idleMs ?? 45 * SECOND,
    scheduling: 'lifo' as const,
    ...(options.localAddress ? { localAddress: options.localAddress } : {}),
  };
  return {
    http: new http.Agent(common),
    // TLS sessions are cached so a new connection to a known host skips the full handshake.
    https: new https.Agent({
      ...common,
      maxCachedSessions: 1000,
      ...(options.ca ? { ca: options.ca as string | Buffer | Array<string | Buffer> } : {}),
    }),
  };
}

export interface ExchangeRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Keep the body for assertions; otherwise it is read and dropped (so the connection can be reused). */
  readonly keepBody: boolean;
  readonly maxBodyBytes: number;
  readonly rejectUnauthorized: boolean;
}

export interface ExchangeResponse {
  readonly status: number;
  readonly location?: string;
  readonly body?: Buffer;
  /** The body passed maxBodyBytes: reading stopped and the connection was closed. */
  readonly bodyTooLarge: boolean;
  /** Epoch ms the server's certificate expires (https only). */
  readonly certificateExpiresAt?: number;
  readonly reusedConnection: boolean;
}

/** Where the exchange is, so a timeout can say what it was waiting for. */
export interface ExchangeProgress {
  phase: 'connect' | 'headers' | 'body';
}

type Attempt =
  { ok: true; response: ExchangeResponse } | { ok: false; error: unknown; retryable: boolean };

/**
 * Rejects with the socket or TLS error. A reused connection the server closed while idle
 * fails before any answer; that is the pool's fault, not the target's, so it is retried
 * (the remedy Node's docs give for `request.reusedSocket`).
 */
export async function exchange(
  agents: HttpAgents,
  request: ExchangeRequest,
  signal: AbortSignal,
  progress: ExchangeProgress,
): Promise<ExchangeResponse> {
  for (let attempt = 0; ; attempt++) {
    const result = await attemptExchange(agents, request, signal, progress);
    if (result.ok) return result.response;
    if (!result.retryable || attempt >= 2 || signal.aborted) throw result.error;
  }
}

function attemptExchange(
  agents: HttpAgents,
  r: ExchangeRequest,
  signal: AbortSignal,
  progress: ExchangeProgress,
): Promise<Attempt> {
  return new Promise<Attempt>((resolve) => {
    const secure = r.url.protocol === 'https:';
    let settled = false;
    let answered = false;
    const settle = (outcome: Attempt) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const fail = (error: unknown) =>
      settle({
        ok: false,
        error,
        retryable: !answered && req.reusedSocket && isStaleConnectionError(error),
      });

    if (signal.aborted) return resolve({ ok: false, error: signal.reason, retryable: false });
    progress.phase = 'connect';
    const options = {
      method: r.method,
      headers: r.headers,
      rejectUnauthorized: r.rejectUnauthorized,
    };
    const req = secure
      ? https.request(r.url, { ...options, agent: agents.https })
      : http.request(r.url, { ...options, agent: agents.http });
    req.on('error', fail); // first, before anything can destroy it: an unheard socket error kills the process
    const onAbort = () => {
      req.destroy();
      fail(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });

    req.on('socket', (socket: Socket) => {
      if (req.reusedSocket || !socket.connecting) progress.phase = 'headers';
      else socket.once(secure ? 'secureConnect' : 'connect', () => (progress.phase = 'headers'));
    });
    req.on('response', (res) => {
      answered = true;
      progress.phase = 'body';
      const certificate = certificateExpiry(res.socket); // now: at 'end' the socket is back in the pool
      const chunks: Buffer[] = [];
      let size = 0;
      const done = (bodyTooLarge: boolean) =>
        settle({
          ok: true,
          response: {
            status: res.statusCode ?? 0,
            ...(typeof res.headers.location === 'string' ? { location: res.headers.location } : {}),
            ...(r.keepBody ? { body: Buffer.concat(chunks) } : {}),
            bodyTooLarge,
            ...certificate,
            reusedConnection: req.reusedSocket,
          },
        });
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > r.maxBodyBytes) {
          res.destroy(); // stop reading: an endless body must not hold the check or the memory
          return done(true);
        }
        if (r.keepBody) chunks.push(chunk);
      });
      res.on('end', () => done(false));
      res.on('error', fail);
      res.on('close', () => {
        if (!res.complete)
          fail(
            Object.assign(new Error('connection closed before the body was complete'), {
              code: 'ECONNRESET',
            }),
          );
      });
    });
    req.end(r.body);
  });
}

function isStaleConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ECONNRESET' || code === 'EPIPE';
}

/** Parsing a certificate costs more than the rest of a reused check, so once per connection. */
const expiryBySocket = new WeakMap<object, number | undefined>();

function certificateExpiry(socket: Socket | null): { certificateExpiresAt?: number } {
  if (!(socket instanceof TLSSocket)) return {};
  if (!expiryBySocket.has(socket)) {
    const validTo = socket.getPeerCertificate()?.valid_to; // like "Mar  5 12:00:00 2026 GMT"
    const at = validTo ? Date.parse(validTo) : NaN;
    expiryBySocket.set(socket, Number.isFinite(at) ? at : undefined);
  }
  const at = expiryBySocket.get(socket);
  return at === undefined ? {} : { certificateExpiresAt: at };
}
