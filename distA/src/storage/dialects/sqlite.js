import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { sqliteBulkWriter } from './sqlite-bulk.js';
import { blockBytes, blockFromBytes, mergeBlockBytes } from '../minute-blocks.js';
export const sqliteCapabilities = {
    name: 'sqlite',
    withGeneratedId: (table, column) => table.addColumn(column, 'integer', (c) => c.primaryKey().autoIncrement()),
    supportsRowLocks: false,
    maxParameters: 32_000,
    async optimize(db) {
        await sql `pragma optimize`.execute(db);
    },
    minuteBlockType: 'blob',
    encodeBlock: blockBytes,
    decodeBlock: (value) => blockFromBytes(value),
    async installFunctions() { },
    uniqueViolation(err) {
        const e = err;
        if (e.code !== 'SQLITE_CONSTRAINT_UNIQUE' && e.code !== 'SQLITE_CONSTRAINT_PRIMARYKEY')
            return undefined;
        // "UNIQUE constraint failed: customers.id"
        return { table: /failed: (\w+)\./.exec(e.message ?? '')?.[1] ?? 'unknown' };
    },
};
/** Opens (creating if needed) one SQLite file in WAL mode; ":memory:" for a throwaway database. */
export function openSqlite(path) {
    if (path !== ':memory:')
        mkdirSync(dirname(path), { recursive: true });
    const database = new SQLite(path);
    database.pragma('journal_mode = WAL');
    // FULL: a commit is on disk before we acknowledge it, even across a power cut.
    database.pragma('synchronous = FULL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
    // The merge of a stored minute block with a new delta, for the flush's upsert (storage/minute-blocks.ts).
    database.function('surety_merge_minutes', { deterministic: true }, (older, newer) => mergeBlockBytes(older, newer));
    const db = new Kysely({ dialect: new SqliteDialect({ database }) });
    return {
        db,
        capabilities: sqliteCapabilities,
        bulk: sqliteBulkWriter(database),
        description: path,
        close: () => db.destroy(),
    };
}
//# sourceMappingURL=sqlite.js.map