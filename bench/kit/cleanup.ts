/**
 * What a benchmark leaves behind (servers, child processes, temporary directories, PostgreSQL
 * schemas) is undone at the end, on failure and on Ctrl-C alike: each step registers its undo
 * as it makes something, and the undos run newest first.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { log } from './report.js';

const cleanups: Array<{ name: string; run: () => Promise<void> | void }> = [];

/** Registers an undo; returns a function that runs it now (and only once). */
export function defer(name: string, run: () => Promise<void> | void): () => Promise<void> {
  const entry = { name, run };
  cleanups.push(entry);
  return async () => {
    const i = cleanups.indexOf(entry);
    if (i < 0) return;
    cleanups.splice(i, 1);
    await run();
  };
}

/** Runs every undo still registered, newest first; a failing one is logged, not thrown. */
export async function runCleanups(): Promise<void> {
  while (cleanups.length > 0) {
    const c = cleanups.pop()!;
    try {
      await c.run();
    } catch (err) {
      log(`cleanup "${c.name}" failed: ${(err as Error).message}`);
    }
  }
}

/**
 * Runs a benchmark's main: undoes everything at the end, on failure (exit 1) and on SIGINT or
 * SIGTERM (exit 130; a second signal exits at once). `onSignal` stops what must stop first.
 */
export function runBenchmark(main: () => Promise<void>, onSignal?: () => void): void {
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (interrupted) process.exit(130);
      interrupted = true;
      log(`${signal}: cleaning up`);
      onSignal?.();
      void runCleanups().finally(() => process.exit(130));
    });
  }
  main()
    .then(runCleanups)
    .catch(async (err: unknown) => {
      process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
      await runCleanups();
      process.exit(1);
    });
}

/**
 * A fresh schema `surety_bench_<random>` on the PostgreSQL at `baseUrl`, dropped at cleanup
 * unless `keep`; returns the URL Surety is given (the schema as its `schema` parameter).
 */
export function freshSchema(baseUrl: string, keep = false): { schema: string; url: string } {
  const schema = `surety_bench_${randomBytes(5).toString('hex')}`;
  defer(`drop schema ${schema}`, async () => {
    if (keep)
      return log(
        `--keep: left the schema ${schema}; drop it with: psql ${baseUrl.split('?')[0]} -c 'drop schema ${schema} cascade'`,
      );
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    try {
      await client.query(`drop schema if exists "${schema}" cascade`);
      log(`dropped schema ${schema}`);
    } finally {
      await client.end();
    }
  });
  return { schema, url: `${baseUrl}${baseUrl.includes('?') ? '&' : '?'}schema=${schema}` };
}
