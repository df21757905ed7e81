/**
 * The benchmark's side of ingest-server.ts: starts Surety in a child process with the node
 * flags and environment asked for, and asks it over IPC for its counters, a flush, a GC, a stop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ServerJob, ServerReply, ServerRequest, ServerStats } from './ingest-server.js';

/**
 * The environment `npm start` gives the server (package.json): glibc's mmap threshold fixed,
 * so that large buffers go back to the system when freed (see the README's configuration).
 */
export const NPM_START_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  MALLOC_MMAP_THRESHOLD_: '131072',
};
/** glibc's defaults: the threshold rises with every large buffer freed, up to 32 MiB. */
export const GLIBC_DEFAULT_ENV: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !k.startsWith('MALLOC_')),
);

export class SuretyChild {
  private next = 1;
  private readonly waiting = new Map<number, (r: ServerReply) => void>();
  readonly url: string;
  readonly pid: number;

  private constructor(
    private readonly child: ChildProcess,
    url: string,
  ) {
    this.url = url;
    this.pid = child.pid!;
    child.on('message', (m: ServerReply) => {
      if ('id' in m) {
        this.waiting.get(m.id)?.(m);
        this.waiting.delete(m.id);
      }
    });
  }

  static start(
    job: ServerJob,
    nodeFlags: readonly string[],
    env: NodeJS.ProcessEnv = NPM_START_ENV,
  ): Promise<SuretyChild> {
    const script = fileURLToPath(new URL('./ingest-server.js', import.meta.url));
    // The server's log lines go to our stderr: stdout is for the results.
    const child = spawn(process.execPath, [...nodeFlags, script, JSON.stringify(job)], {
      stdio: ['ignore', 2, 2, 'ipc'],
      env,
    });
    return new Promise((resolveStart, reject) => {
      child.once('error', reject);
      child.once('exit', (code) =>
        reject(new Error(`the Surety server exited with ${code} before it was ready`)),
      );
      child.once('message', (m: ServerReply) => {
        if ('ready' in m) resolveStart(new SuretyChild(child, m.ready));
        else if ('failed' in m) reject(new Error(`the Surety server failed to start: ${m.failed}`));
      });
    });
  }

  request(op: ServerRequest['op']): Promise<ServerStats | undefined> {
    const id = this.next++;
    return new Promise((resolveReply, reject) => {
      this.waiting.set(id, (r) =>
        'error' in r && r.error
          ? reject(new Error(r.error))
          : resolveReply('stats' in r ? r.stats : undefined),
      );
      this.child.send({ id, op } satisfies ServerRequest);
    });
  }

  /** Stops the server cleanly (so a CPU profile gets written), killing it if that hangs. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 120_000);
    try {
      await Promise.race([this.request('stop'), exited]);
      await exited;
    } finally {
      clearTimeout(timer);
    }
  }
}
