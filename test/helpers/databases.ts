import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Store } from '../../src/services/store/index.js';
import { openStore } from '../../src/storage/open-store.js';

/**
 * The databases every storage-touching test runs against. PostgreSQL is required when
 * SURETY_TEST_POSTGRES is set (CI sets it); otherwise it is used if it answers on the
 * default address and reported as skipped if not, so a fresh machine still passes.
 */
export interface TestDatabase {
  readonly name: 'sqlite' | 'postgres';
  /** Why this database's tests are skipped, if they are. */
  readonly skip: string | false;
  /** A fresh, empty database location: its URL (undefined for SQLite in dataDir) and a data dir. */
  fresh(): Promise<{ url: string | undefined; dataDir: string; cleanup(): Promise<void> }>;
}

const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/test';

async function reachable(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

let cached: Promise<TestDatabase[]> | undefined;

export function testDatabases(): Promise<TestDatabase[]> {
  cached ??= (async () => {
    const required = process.env.SURETY_TEST_POSTGRES;
    const url = required || DEFAULT_PG;
    const problem = await reachable(url);
    if (problem && required)
      throw new Error(
        `SURETY_TEST_POSTGRES=${required} is set, but PostgreSQL cannot be reached: ${problem}`,
      );
    return [
      {
        name: 'sqlite',
        skip: false,
        async fresh() {
          const dataDir = mkdtempSync(join(tmpdir(), 'surety-test-'));
          return {
            url: undefined,
            dataDir,
            cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
          };
        },
      },
      {
        name: 'postgres',
        skip: problem
          ? `PostgreSQL not reachable at ${url} (${problem}); set SURETY_TEST_POSTGRES to require it`
          : false,
        async fresh() {
          const dataDir = mkdtempSync(join(tmpdir(), 'surety-test-'));
          const schema = `surety_t_${process.pid}_${randomBytes(4).toString('hex')}`;
          const sep = url.includes('?') ? '&' : '?';
          return {
            url: `${url}${sep}schema=${schema}`,
            dataDir,
            async cleanup() {
              rmSync(dataDir, { recursive: true, force: true });
              const client = new pg.Client({ connectionString: url });
              await client.connect();
              await client.query(`drop schema if exists "${schema}" cascade`);
              await client.end();
            },
          };
        },
      },
    ];
  })();
  return cached;
}

/** Opens a migrated, empty store on `db`; close it with the returned function. */
export async function freshStore(
  db: TestDatabase,
): Promise<{ store: Store; close(): Promise<void> }> {
  const location = await db.fresh();
  const { store } = await openStore({ url: location.url, dataDir: location.dataDir });
  return {
    store,
    async close() {
      await store.close();
      await location.cleanup();
    },
  };
}
