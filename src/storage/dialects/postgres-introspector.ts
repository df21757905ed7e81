import {
  sql,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type Kysely,
  type SchemaMetadata,
  type TableMetadata,
} from 'kysely';

/**
 * What Kysely's migrator asks of the database (does a schema, a table exist?), answered from
 * our own schema only. Kysely's own introspector reads every table of every schema and calls
 * functions on them by name, so another process dropping its schema at that moment fails
 * our migration with "schema … does not exist" (seen with concurrent test runs sharing one
 * database). Columns are not listed: nothing in Surety reads them.
 */
export class SchemaScopedIntrospector implements DatabaseIntrospector {
  constructor(
    private readonly db: Kysely<any>,
    private readonly schema: string,
  ) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const rows = await sql<{
      nspname: string;
    }>`select nspname from pg_catalog.pg_namespace where nspname = ${this.schema}`.execute(this.db);
    return rows.rows.map((r) => ({ name: r.nspname }));
  }

  async getTables(): Promise<TableMetadata[]> {
    const rows = await sql<{ relname: string; relkind: string }>`
      select c.relname, c.relkind from pg_catalog.pg_class c
      join pg_catalog.pg_namespace ns on ns.oid = c.relnamespace
      where ns.nspname = ${this.schema} and c.relkind in ('r', 'v', 'p')
      order by c.relname`.execute(this.db);
    return rows.rows.map((r) => ({
      name: r.relname,
      schema: this.schema,
      isView: r.relkind === 'v',
      columns: [],
    }));
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}
