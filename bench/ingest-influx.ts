/**
 * InfluxDB 1.6 (Debian's `influxdb` package) for bench/ingest.ts: started on loopback with a
 * temporary configuration and data, metadata and WAL directories under `dir`, a database
 * created, and stopped again. Everything else is the package's default (in particular the WAL
 * is fsynced on every write, `wal-fsync-delay = "0s"`, as Surety fsyncs before its 204).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface Influx {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

export async function startInflux(
  dir: string,
  httpPort: number,
  rpcPort: number,
  database: string,
): Promise<Influx> {
  for (const d of ['meta', 'data', 'wal']) mkdirSync(join(dir, d), { recursive: true });
  const config = join(dir, 'influxdb.conf');
  writeFileSync(
    config,
    `reporting-enabled = false
bind-address = "127.0.0.1:${rpcPort}"

[meta]
  dir = "${join(dir, 'meta')}"
  logging-enabled = false

[data]
  dir = "${join(dir, 'data')}"
  wal-dir = "${join(dir, 'wal')}"
  query-log-enabled = false
  trace-logging-enabled = false

[monitor]
  store-enabled = false

[http]
  enabled = true
  bind-address = "127.0.0.1:${httpPort}"
  auth-enabled = false
  log-enabled = false
  write-tracing = false
  pprof-enabled = false

[logging]
  level = "warn"
  suppress-logo = true

[continuous_queries]
  enabled = false
`,
  );
  const child: ChildProcess = spawn('influxd', ['run', '-config', config], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  child.once('error', () => {});
  const url = `http://127.0.0.1:${httpPort}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`influxd exited with ${child.exitCode}: ${stderr.trim()}`);
      try {
        if ((await fetch(`${url}/ping`)).status === 204) break;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline)
        throw new Error(`influxd did not answer /ping within 30 s: ${stderr.trim()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const res = await fetch(`${url}/query`, {
      method: 'POST',
      body: new URLSearchParams({ q: `CREATE DATABASE ${database}` }),
    });
    if (res.status !== 200)
      throw new Error(`CREATE DATABASE: HTTP ${res.status}: ${await res.text()}`);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, pid: child.pid!, stop };
}

/** A loopback port free right now, for influxd to listen on. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolvePort(port));
    });
  });
}
