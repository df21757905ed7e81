import http from 'node:http';
import https from 'node:https';
import { TLSSocket } from 'node:tls';
import { SECOND } from '../../../domain/duration.js';
/**
 * Idle connections are kept 45 s by default: longer than the usual 30 s interval, so a
 * monitor reuses its connection, and shorter than common server idle limits (nginx 75 s,
 * AWS ALB 60 s). Servers that announce `Keep-Alive: timeout=N` are honoured by Node itself.
 */
export function createHttpAgents(options = {}) {
    const common = { keepAlive: true, timeout: options.idleMs ?? 45 * SECOND, scheduling: 'lifo' };
    return {
        http: new http.Agent(common),
        // TLS sessions are cached so a new connection to a known host skips the full handshake.
        https: new https.Agent({ ...common, maxCachedSessions: 1000, ...(options.ca ? { ca: options.ca } : {}) }),
    };
}
/**
 * Rejects with the socket or TLS error. A reused connection the server closed while idle
 * fails before any answer; that is the pool's fault, not the target's, so it is retried
 * (the remedy Node's docs give for `request.reusedSocket`).
 */
export async function exchange(agents, request, signal, progress) {
    for (let attempt = 0;; attempt++) {
        const result = await attemptExchange(agents, request, signal, progress);
        if (result.ok)
            return result.response;
        if (!result.retryable || attempt >= 2 || signal.aborted)
            throw result.error;
    }
}
function attemptExchange(agents, r, signal, progress) {
    return new Promise((resolve) => {
        const secure = r.url.protocol === 'https:';
        let settled = false;
        let answered = false;
        const settle = (outcome) => {
            if (settled)
                return;
            settled = true;
            signal.removeEventListener('abort', onAbort);
            resolve(outcome);
        };
        const fail = (error) => settle({ ok: false, error, retryable: !answered && req.reusedSocket && isStaleConnectionError(error) });
        if (signal.aborted)
            return resolve({ ok: false, error: signal.reason, retryable: false });
        progress.phase = 'connect';
        const options = { method: r.method, headers: r.headers, rejectUnauthorized: r.rejectUnauthorized };
        const req = secure ? https.request(r.url, { ...options, agent: agents.https }) : http.request(r.url, { ...options, agent: agents.http });
        req.on('error', fail); // first, before anything can destroy it: an unheard socket error kills the process
        const onAbort = () => {
            req.destroy();
            fail(signal.reason);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        req.on('socket', (socket) => {
            if (req.reusedSocket || !socket.connecting)
                progress.phase = 'headers';
            else
                socket.once(secure ? 'secureConnect' : 'connect', () => (progress.phase = 'headers'));
        });
        req.on('response', (res) => {
            answered = true;
            progress.phase = 'body';
            const certificate = certificateExpiry(res.socket); // now: at 'end' the socket is back in the pool
            const chunks = [];
            let size = 0;
            const done = (bodyTooLarge) => settle({
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
            res.on('data', (chunk) => {
                size += chunk.length;
                if (size > r.maxBodyBytes) {
                    res.destroy(); // stop reading: an endless body must not hold the check or the memory
                    return done(true);
                }
                if (r.keepBody)
                    chunks.push(chunk);
            });
            res.on('end', () => done(false));
            res.on('error', fail);
            res.on('close', () => {
                if (!res.complete)
                    fail(Object.assign(new Error('connection closed before the body was complete'), { code: 'ECONNRESET' }));
            });
        });
        req.end(r.body);
    });
}
function isStaleConnectionError(error) {
    const code = error?.code;
    return code === 'ECONNRESET' || code === 'EPIPE';
}
/** Parsing a certificate costs more than the rest of a reused check, so once per connection. */
const expiryBySocket = new WeakMap();
function certificateExpiry(socket) {
    if (!(socket instanceof TLSSocket))
        return {};
    if (!expiryBySocket.has(socket)) {
        const validTo = socket.getPeerCertificate()?.valid_to; // like "Mar  5 12:00:00 2026 GMT"
        const at = validTo ? Date.parse(validTo) : NaN;
        expiryBySocket.set(socket, Number.isFinite(at) ? at : undefined);
    }
    const at = expiryBySocket.get(socket);
    return at === undefined ? {} : { certificateExpiresAt: at };
}
//# sourceMappingURL=http-exchange.js.map