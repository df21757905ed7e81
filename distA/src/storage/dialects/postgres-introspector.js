import { sql } from 'kysely';
/**
 * What Kysely's migrator asks of the database (does a schema, a table exist?), answered from
 * our own schema only. Kysely's own introspector reads every table of every schema and calls
 * functions on them by name, so another process dropping its schema at that moment fails
 * our migration with "schema … does not exist" (seen with concurrent test runs sharing one
 * database). Columns are not listed: nothing in Surety reads them.
 */
export class SchemaScopedIntrospector {
    db;
    schema;
    constructor(db, schema) {
        this.db = db;
        this.schema = schema;
    }
    async getSchemas() {
        const rows = await sql `select nspname from pg_catalog.pg_namespace where nspname = ${this.schema}`.execute(this.db);
        return rows.rows.map((r) => ({ name: r.nspname }));
    }
    async getTables() {
        const rows = await sql `
      select c.relname, c.relkind from pg_catalog.pg_class c
      join pg_catalog.pg_namespace ns on ns.oid = c.relnamespace
      where ns.nspname = ${this.schema} and c.relkind in ('r', 'v', 'p')
      order by c.relname`.execute(this.db);
        return rows.rows.map((r) => ({ name: r.relname, schema: this.schema, isView: r.relkind === 'v', columns: [] }));
    }
    async getMetadata() {
        return { tables: await this.getTables() };
    }
}
//# sourceMappingURL=postgres-introspector.js.map