import type { CreateTableBuilder, Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { RollupColumns } from '../../evaluate/metrics/rollup-columns.js';

/**
 * What differs between the databases, in one place per database (Kysely's habit):
 * the SQL store asks these instead of testing which database it is on.
 */
export interface DialectCapabilities {
  readonly name: 'sqlite' | 'postgres';
  /** Adds an auto-generated integer primary key. */
  withGeneratedId<T extends string>(
    table: CreateTableBuilder<T, never>,
    column: string,
  ): CreateTableBuilder<T, string>;
  /** Whether SELECT … FOR UPDATE exists; SQLite needs none, as it runs one writer at a time. */
  readonly supportsRowLocks: boolean;
  /** Rows per multi-row INSERT, under the database's bound-parameter limit. */
  readonly maxParameters: number;
  /** Refreshes query-planner statistics. */
  optimize(db: Kysely<Database>): Promise<void>;
  /** The table a unique-constraint violation happened on, or undefined if `err` is not one. */
  uniqueViolation(err: unknown): { table: string } | undefined;
  /** Column type of a minute block (storage/minute-blocks.ts): the database's type for bytes. */
  readonly bytesType: 'blob' | 'bytea';
}

/** Writes too many rows for a query builder: each database's fastest way, behind one shape. */
export interface BulkWriter {
  /** Adds rollup deltas to their stored buckets; several deltas may name the same bucket. */
  mergeRollups(db: Kysely<Database>, rows: RollupColumns): Promise<void>;
  appendSketches(
    db: Kysely<Database>,
    rows: ReadonlyArray<{ series: number; bucket: number; data: Uint8Array }>,
  ): Promise<void>;
  /** New series rows (a million at once when a fleet first reports: no object per row beyond its parts). */
  insertSeries(
    db: Kysely<Database>,
    rows: ReadonlyArray<{ readonly id: number; readonly key: string }>,
    createdAt: number,
  ): Promise<void>;
}

export interface OpenDialect {
  readonly db: Kysely<Database>;
  readonly capabilities: DialectCapabilities;
  readonly bulk: BulkWriter;
  /** Where the data lives, for logs: a file path or a connection URL without its password. */
  readonly description: string;
  /** The schema Surety's tables live in, where the database has schemas. */
  readonly schema?: string | undefined;
  close(): Promise<void>;
}
