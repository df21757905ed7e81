import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type SqliteDialectConfig,
} from 'kysely';
import type { Database } from '../database.js';
import type { DialectCapabilities, OpenDialect } from './capabilities.js';
import { sqliteBulkWriter } from './sqlite-bulk.js';

export const sqliteCapabilities: DialectCapabilities = {
  name: 'sqlite',
  withGeneratedId: (table, column) =>
    table.addColumn(column, 'integer', (c) => c.primaryKey().autoIncrement()),
  supportsRowLocks: false,
  maxParameters: 32_000,
  async optimize(db) {
    await sql`pragma optimize`.execute(db);
  },
  bytesType: 'blob',
  uniqueViolation(err) {
    const e = err as { code?: string; message?: string };
    if (e.code !== 'SQLITE_CONSTRAINT_UNIQUE' && e.code !== 'SQLITE_CONSTRAINT_PRIMARYKEY')
      return undefined;
    // "UNIQUE constraint failed: customers.id"
    return { table: /failed: (\w+)\./.exec(e.message ?? '')?.[1] ?? 'unknown' };
  },
};

/**
 * A transaction takes the write lock when it begins. A deferred one that reads first and then
 * writes fails at once with "database is locked" when another process (the CLI beside a running
 * server) committed in between, since SQLite cannot wait there without risking a deadlock; an
 * immediate one waits at its start, under busy_timeout, like any writer.
 */
class ImmediateTransactions extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class SuretySqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver() {
    return new ImmediateTransactions(this.#config);
  }
}

/** Opens (creating if needed) one SQLite file in WAL mode; ":memory:" for a throwaway database. */
export function openSqlite(path: string): OpenDialect {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new SQLite(path);
  database.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before we acknowledge it, even across a power cut.
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SuretySqliteDialect({ database }) });
  return {
    db,
    capabilities: sqliteCapabilities,
    bulk: sqliteBulkWriter(database),
    description: path,
    close: () => db.destroy(),
  };
}
