import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Store } from '../services/store/index.js';
import type { Database } from './database.js';
import type { OpenDialect } from './dialects/capabilities.js';
import { openPostgres } from './dialects/postgres.js';
import { openSqlite } from './dialects/sqlite.js';
import { migrate } from './migrate.js';
import { sqlStore } from './sql-store.js';

export interface StoreLocation {
  /** postgres://…, sqlite:PATH, or empty for the SQLite file in the data directory. */
  readonly url?: string | undefined;
  readonly dataDir: string;
}

export interface OpenedStore {
  readonly store: Store;
  readonly description: string;
}

/**
 * Opens the configured database and migrates it; the only place that picks an adapter.
 * `upTo` stops the migrations at one (for tests of an upgrade).
 */
export async function openStore(
  location: StoreLocation,
  upTo?: string,
): Promise<OpenedStore & { db: Kysely<Database> }> {
  const dialect = await openDialect(location);
  try {
    await migrate(dialect.db, dialect.capabilities, dialect.schema, upTo);
  } catch (err) {
    await dialect.close();
    throw err;
  }
  return {
    store: sqlStore(dialect.db, dialect.capabilities, dialect.bulk, dialect.close),
    description: dialect.description,
    db: dialect.db,
  };
}

async function openDialect({ url, dataDir }: StoreLocation): Promise<OpenDialect> {
  if (!url) return openSqlite(join(dataDir, 'surety.db'));
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url);
  if (url.startsWith('sqlite:'))
    return openSqlite(
      url.slice('sqlite:'.length).replace(/^\/\//, '') || join(dataDir, 'surety.db'),
    );
  throw new Error(`the database URL "${url}" is neither postgres://… nor sqlite:PATH`);
}
