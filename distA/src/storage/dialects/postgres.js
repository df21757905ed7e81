import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { postgresBulkWriter } from './postgres-bulk.js';
import { SchemaScopedIntrospector } from './postgres-introspector.js';
export const postgresCapabilities = {
    name: 'postgres',
    withGeneratedId: (table, column) => table.addColumn(column, 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity()),
    supportsRowLocks: true,
    maxParameters: 65_000,
    async optimize(db) {
        // Without statistics the planner takes the sweep's index query for a full scan (measured
        // at 1 M tickets: 155 ms before ANALYZE, 2.8 ms after); autovacuum may be off or late.
        await sql `analyze tickets, ticket_events, ticket_clocks, signals`.execute(db);
    },
    uniqueViolation(err) {
        const e = err;
        return e.code === '23505' ? { table: e.table ?? 'unknown' } : undefined;
    },
    minuteBlockType: 'float8[]',
    encodeBlock: (block) => Array.from(block),
    decodeBlock: (value) => Float64Array.from(value),
    async installFunctions(db) {
        // The minute-by-minute merge of storage/minute-blocks.ts, in SQL, so the flush's upsert
        // merges in the database instead of reading blocks back.
        await sql `
      create or replace function surety_merge_minutes(older float8[], newer float8[]) returns float8[]
      language sql immutable parallel safe as $$
        select coalesce(array_agg(v order by m, k), '{}') from (
          select g.m, u.v, u.k from (
            select m, array[m, sum(c), sum(s), min(lo), max(hi), (array_agg(l order by la desc, src desc))[1], max(la), max(sc)] as r
            from (
              select x.src, x.a[i*8+1] m, x.a[i*8+2] c, x.a[i*8+3] s, x.a[i*8+4] lo, x.a[i*8+5] hi, x.a[i*8+6] l, x.a[i*8+7] la, x.a[i*8+8] sc
              from (select 0 as src, older as a union all select 1, newer) x,
                   generate_series(0, coalesce(array_length(x.a, 1), 0) / 8 - 1) i
            ) minutes group by m
          ) g, unnest(g.r) with ordinality as u(v, k)
        ) flat
      $$`.execute(db);
    },
};
// BIGINT (20) and NUMERIC (1700) hold epoch milliseconds, counts and minor units: all
// well inside 2^53, so numbers are safe and keep both databases returning the same types.
const INT8 = 20;
const NUMERIC = 1700;
const types = {
    getTypeParser(oid, format) {
        if (oid === INT8 || oid === NUMERIC)
            return (v) => Number(v);
        return pg.types.getTypeParser(oid, format);
    },
};
/**
 * Connects to PostgreSQL. A `schema` query parameter (postgres://…/db?schema=x) keeps
 * Surety's tables in their own schema, created if missing; tests use it to stay apart.
 */
export async function openPostgres(url, options = {}) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema');
    parsed.searchParams.delete('schema');
    if (schema !== null && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(schema)) {
        throw new Error(`the schema "${schema}" in the database URL must be letters, digits and "_"`);
    }
    const config = {
        connectionString: parsed.toString(),
        max: options.poolSize ?? 10,
        types,
        connectionTimeoutMillis: 10_000,
        ...(schema ? { options: `-c search_path=${schema}` } : {}),
    };
    if (schema) {
        const client = new pg.Client({ connectionString: parsed.toString(), connectionTimeoutMillis: 10_000 });
        await client.connect();
        try {
            await client.query(`create schema if not exists "${schema}"`);
        }
        finally {
            await client.end();
        }
    }
    const pool = new pg.Pool(config);
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', () => { });
    const scope = schema ?? 'public';
    class ScopedDialect extends PostgresDialect {
        createIntrospector(db) {
            return new SchemaScopedIntrospector(db, scope);
        }
    }
    const db = new Kysely({ dialect: new ScopedDialect({ pool }) });
    parsed.password = parsed.password ? '***' : '';
    return {
        db,
        capabilities: postgresCapabilities,
        bulk: postgresBulkWriter,
        description: `${parsed.toString()}${schema ? ` (schema ${schema})` : ''}`,
        schema: schema ?? 'public',
        close: () => db.destroy(),
    };
}
//# sourceMappingURL=postgres.js.map