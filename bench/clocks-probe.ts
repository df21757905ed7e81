/**
 * Direct looks at the database beside the server in bench/clocks.ts: counts, sizes and the
 * plan of the next-minute query, and on PostgreSQL the ANALYZE autovacuum would run.
 */
import { existsSync, statSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import pg from 'pg';

export interface Probe {
  counts(): Promise<{
    tickets: number;
    events: number;
    clocks: number;
    running: number;
    signals: number;
  }>;
  explain(before: number, limit: number): Promise<string[]>;
  /** PostgreSQL: gathers planner statistics as autovacuum would; undefined where not needed. */
  analyze?(): Promise<number>;
  sizeBytes(): Promise<number>;
  close(): Promise<void>;
}

/** The SQL Kysely sends for changingBefore (src/storage/repositories/clocks.ts), with its two parameters. */
const CHANGING_BEFORE_SQL =
  'select * from "ticket_clocks" where "next_at" is not null and "next_at" < $1 order by "next_at" limit $2';

const COUNTS_SQL = `select
  (select count(*) from tickets) as tickets,
  (select count(*) from ticket_events) as events,
  (select count(*) from ticket_clocks) as clocks,
  (select count(*) from ticket_clocks where next_at is not null) as running,
  (select count(*) from signals) as signals`;

export function sqliteProbe(file: string): Probe {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  return {
    async counts() {
      const r = db.prepare(COUNTS_SQL).get() as Record<string, number>;
      return {
        tickets: r.tickets!,
        events: r.events!,
        clocks: r.clocks!,
        running: r.running!,
        signals: r.signals!,
      };
    },
    async explain(before, limit) {
      const rows = db
        .prepare(`explain query plan ${CHANGING_BEFORE_SQL.replace('$1', '?').replace('$2', '?')}`)
        .all(before, limit) as Array<{ detail: string }>;
      return rows.map((r) => r.detail);
    },
    async sizeBytes() {
      return [file, `${file}-wal`].filter(existsSync).reduce((s, f) => s + statSync(f).size, 0);
    },
    async close() {
      db.close();
    },
  };
}

export async function postgresProbe(baseUrl: string, schema: string): Promise<Probe> {
  const client = new pg.Client({ connectionString: baseUrl, options: `-c search_path=${schema}` });
  await client.connect();
  return {
    async counts() {
      const r = (await client.query(COUNTS_SQL)).rows[0] as Record<string, string>;
      return {
        tickets: Number(r.tickets),
        events: Number(r.events),
        clocks: Number(r.clocks),
        running: Number(r.running),
        signals: Number(r.signals),
      };
    },
    async explain(before, limit) {
      const rows = (
        await client.query(`explain (analyze, buffers) ${CHANGING_BEFORE_SQL}`, [before, limit])
      ).rows as Array<Record<string, string>>;
      return rows.map((r) => r['QUERY PLAN']!);
    },
    async analyze() {
      const t0 = performance.now();
      await client.query('analyze tickets, ticket_events, ticket_clocks, signals');
      return performance.now() - t0;
    },
    async sizeBytes() {
      const r = await client.query(
        `select coalesce(sum(pg_total_relation_size(c.oid)), 0) as bytes from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relkind = 'r'`,
        [schema],
      );
      return Number((r.rows[0] as { bytes: string }).bytes);
    },
    async close() {
      await client.end();
    },
  };
}
