import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { Worker } from 'node:worker_threads';

/** Real servers on loopback for the checker tests: well-behaved ones and every bad kind. */

export interface Target {
  readonly port: number;
  /** TCP connections accepted so far (to see keep-alive reuse). */
  readonly connections: number;
  close(): Promise<void>;
}

export interface HttpTarget extends Target {
  url(path: string): string;
  /** The headers of the last request, lower-cased. */
  readonly lastHeaders: http.IncomingHttpHeaders;
}

const HEALTH = JSON.stringify({ status: 'ok', checks: [{ name: 'db', ok: true }], version: 3 });

/** The behaviours a monitored HTTP service can have, one path each. */
function route(req: http.IncomingMessage, res: http.ServerResponse, base: string): void {
  const url = new URL(req.url ?? '/', base);
  const p = url.pathname;
  if (p === '/ok') return void res.end('all systems ok');
  if (p === '/json')
    return void res.writeHead(200, { 'content-type': 'application/json' }).end(HEALTH);
  if (p === '/degraded')
    return void res
      .writeHead(200, { 'content-type': 'application/json' })
      .end('{"status":"degraded"}');
  if (p === '/fail') return void res.writeHead(503).end('down for maintenance');
  if (p === '/slow')
    return void setTimeout(() => res.end('finally'), Number(url.searchParams.get('ms') ?? 200));
  if (p === '/loop-a') return void res.writeHead(302, { location: '/loop-b' }).end();
  if (p === '/loop-b') return void res.writeHead(302, { location: '/loop-a' }).end();
  if (p.startsWith('/hops/')) {
    const n = Number(p.slice(6));
    return void (n > 0
      ? res.writeHead(302, { location: `/hops/${n - 1}` }).end()
      : res.end('arrived'));
  }
  if (p === '/see-other') return void res.writeHead(303, { location: '/echo' }).end();
  if (p === '/elsewhere')
    return void res.writeHead(302, { location: url.searchParams.get('to') ?? '/' }).end();
  if (p === '/echo') {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    return void req.on('end', () => res.end(`${req.method} ${body}`));
  }
  if (p === '/big') return void res.end(Buffer.alloc(2 << 20, 'x'));
  if (p === '/endless') {
    res.writeHead(200);
    const chunk = Buffer.alloc(64 << 10, 'y');
    const pump = () => {
      while (!res.destroyed && res.write(chunk));
    };
    res.on('drain', pump);
    return pump();
  }
  if (p === '/reset-mid-body') {
    res.writeHead(200, { 'content-length': '1000' });
    res.write('partial');
    return void setImmediate(() => req.socket.resetAndDestroy());
  }
  res.writeHead(404).end('no such page');
}

export async function startHttpTarget(tls?: { key: string; cert: string }): Promise<HttpTarget> {
  let connections = 0;
  let lastHeaders: http.IncomingHttpHeaders = {};
  let base = '';
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    lastHeaders = req.headers;
    route(req, res, base);
  };
  const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
  server.on(tls ? 'secureConnection' : 'connection', () => connections++);
  server.on('tlsClientError', () => undefined); // rejected handshakes are what TLS tests provoke
  const port = await listen(server);
  base = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    port,
    url: (path) => base + path,
    get connections() {
      return connections;
    },
    get lastHeaders() {
      return lastHeaders;
    },
    close: () => closeServer(server),
  };
}

/** A raw TCP server; `onSocket` decides what the "HTTP server" does with each connection. */
export async function startRawTarget(onSocket: (socket: net.Socket) => void): Promise<Target> {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    onSocket(socket);
  });
  const port = await listen(server);
  return {
    port,
    get connections() {
      return connections;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await closeServer(server);
    },
  };
}

/** Accepts, then sends a status line one byte at a time, forever: a slow-loris target. */
export const slowLoris = () =>
  startRawTarget((socket) => {
    const line = 'HTTP/1.1 200 OK\r\nX-Padding: ';
    let i = 0;
    const timer = setInterval(() => socket.write(line[Math.min(i++, line.length - 1)]!), 20);
    socket.on('close', () => clearInterval(timer));
  });

/** Accepts and never says a word. */
export const silentTarget = () => startRawTarget(() => undefined);

/** Accepts and resets the connection at once (RST, not FIN). */
export const resettingTarget = () => startRawTarget((socket) => socket.resetAndDestroy());

/**
 * Serves the first request of each connection and keeps it open, then resets when a second
 * request arrives on it: the race where a server drops an idle keep-alive connection just as
 * the client reuses it.
 */
export const staleKeepAliveTarget = () =>
  startRawTarget((socket) => {
    let requests = 0;
    let buffered = '';
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      while (buffered.includes('\r\n\r\n')) {
        buffered = buffered.slice(buffered.indexOf('\r\n\r\n') + 4);
        if (++requests > 1) return socket.resetAndDestroy();
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok');
      }
    });
  });

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await closeServer(server);
  return port;
}

/**
 * A port whose SYNs go unanswered, so connect() hangs: a listener in a worker whose event loop
 * is blocked never accepts, and once its backlog (1, so 2 on Linux) is full the kernel drops
 * new SYNs. Two filler connections fill it.
 */
export async function blackHolePort(): Promise<{ port: number; close(): Promise<void> }> {
  const gate = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const server = require('node:net').createServer();
     server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
       parentPort.postMessage(server.address().port);
       Atomics.wait(workerData, 0, 0);
       process.exit(0);
     });`,
    { eval: true, workerData: gate },
  );
  const port = await new Promise<number>((resolve, reject) =>
    worker.once('message', resolve).once('error', reject),
  );
  const fillers = [net.connect(port, '127.0.0.1'), net.connect(port, '127.0.0.1')];
  await Promise.all(
    fillers.map(
      (s) => new Promise((resolve, reject) => s.once('connect', resolve).once('error', reject)),
    ),
  );
  return {
    port,
    close: async () => {
      for (const s of fillers) s.destroy();
      Atomics.store(gate, 0, 1);
      Atomics.notify(gate, 0);
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
  });
}

function closeServer(server: net.Server): Promise<void> {
  (server as http.Server).closeAllConnections?.();
  return new Promise((resolve) => server.close(() => resolve()));
}
