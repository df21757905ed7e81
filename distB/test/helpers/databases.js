import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore } from '../../src/storage/open-store.js';
const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/test';
async function reachable(url) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    try {
        await client.connect();
        await client.query('select 1');
        return undefined;
    }
    catch (err) {
        return err.message;
    }
    finally {
        await client.end().catch(() => { });
    }
}
let cached;
export function testDatabases() {
    cached ??= (async () => {
        const required = process.env.SURETY_TEST_POSTGRES;
        const url = required || DEFAULT_PG;
        const problem = await reachable(url);
        if (problem && required)
            throw new Error(`SURETY_TEST_POSTGRES=${required} is set, but PostgreSQL cannot be reached: ${problem}`);
        return [
            {
                name: 'sqlite',
                skip: false,
                async fresh() {
                    const dataDir = mkdtempSync(join(tmpdir(), 'surety-test-'));
                    return { url: undefined, dataDir, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
                },
            },
            {
                name: 'postgres',
                skip: problem ? `PostgreSQL not reachable at ${url} (${problem}); set SURETY_TEST_POSTGRES to require it` : false,
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
export async function freshStore(db) {
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
//# sourceMappingURL=databases.js.map