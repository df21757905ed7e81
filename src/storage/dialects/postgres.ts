import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../database.js';
import type { DialectCapabilities, OpenDialect } from './capabilities.js';
import { postgresBulkWriter } from './postgres-bulk.js';
import { SchemaScopedIntrospector } from './postgres-introspector.js';

export const postgresCapabilities: DialectCapabilities = {
  name: 'postgres',
  withGeneratedId: (table, column) =>
    table.addColumn(column, 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity()),
  supportsRowLocks: true,
  maxParameters: 65_000,
  async optimize(db) {
    // Without statistics the planner takes the sweep's index query for a full scan (measured
    // at 1 M tickets: 155 ms before ANALYZE, 2.8 ms after); autovacuum may be off or late.
    await sql`analyze tickets, ticket_events, ticket_clocks, signals`.execute(db);
  },
  uniqueViolation(err) {
    const e = err as { code?: string; table?: string };
    return e.code === '23505' ? { table: e.table ?? 'unknown' } : undefined;
  },
  bytesType: 'bytea',
};

// BIGINT (20) and NUMERIC (1700) hold epoch milliseconds, counts and minor units: all
// well inside 2^53, so numbers are safe and keep both databases returning the same types.
const INT8 = 20;
const NUMERIC = 1700;
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
};

/**
 * Connects to PostgreSQL. A `schema` query parameter (postgres://…/db?schema=x) keeps
 * Surety's tables in their own schema, created if missing; tests use it to stay apart.
 */
export async function openPostgres(
  url: string,
  options: { poolSize?: number } = {},
): Promise<OpenDialect> {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  if (schema !== null && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(schema)) {
    throw new Error(`the schema "${schema}" in the database URL must be letters, digits and "_"`);
  }
  const config: pg.PoolConfig = {
    connectionString: parsed.toString(),
    max: options.poolSize ?? 10,
    types,
    connectionTimeoutMillis: 10_000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  };
  if (schema) {
    const client = new pg.Client({
      connectionString: parsed.toString(),
      connectionTimeoutMillis: 10_000,
    });
    await client.connect();
    try {
      await client.query(`create schema if not exists "${schema}"`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool(config);
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const scope = schema ?? 'public';
  class ScopedDialect extends PostgresDialect {
    override createIntrospector(db: Kysely<any>) {
      return new SchemaScopedIntrospector(db, scope);
    }
  }
  const db = new Kysely<Database>({ dialect: new ScopedDialect({ pool }) });
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
