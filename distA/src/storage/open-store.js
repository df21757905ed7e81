import { join } from 'node:path';
import { openPostgres } from './dialects/postgres.js';
import { openSqlite } from './dialects/sqlite.js';
import { migrate } from './migrate.js';
import { SqlStore } from './sql-store.js';
/** Opens the configured database and migrates it; the only place that picks an adapter. */
export async function openStore(location) {
    const dialect = await openDialect(location);
    try {
        await migrate(dialect.db, dialect.capabilities, dialect.schema);
    }
    catch (err) {
        await dialect.close();
        throw err;
    }
    return { store: new SqlStore(dialect.db, dialect.capabilities, dialect.bulk, dialect.close), description: dialect.description };
}
async function openDialect({ url, dataDir }) {
    if (!url)
        return openSqlite(join(dataDir, 'surety.db'));
    if (/^postgres(ql)?:\/\//.test(url))
        return openPostgres(url);
    if (url.startsWith('sqlite:'))
        return openSqlite(url.slice('sqlite:'.length).replace(/^\/\//, '') || join(dataDir, 'surety.db'));
    throw new Error(`the database URL "${url}" is neither postgres://… nor sqlite:PATH`);
}
//# sourceMappingURL=open-store.js.map