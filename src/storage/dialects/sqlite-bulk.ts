import type SQLite from 'better-sqlite3';
import type { RollupColumns } from '../../evaluate/metrics/rollup-columns.js';
import { parseSeriesKey } from '../../evaluate/metrics/series-key.js';
import { blockBytes, toBlocks } from '../minute-blocks.js';
import type { BulkWriter } from './capabilities.js';

/** Rows per multi-row statement: well under SQLite's parameter limit. */
const ROWS = 64;

const upsertHours = (rows: number) => `
  insert into metric_rollups (series_id, resolution, bucket, count, sum, min, max, last, last_at, score_max)
  values ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
  on conflict (series_id, resolution, bucket) do update set
    count = metric_rollups.count + excluded.count,
    sum = metric_rollups.sum + excluded.sum,
    min = min(metric_rollups.min, excluded.min),
    max = max(metric_rollups.max, excluded.max),
    last = case when excluded.last_at >= metric_rollups.last_at then excluded.last else metric_rollups.last end,
    last_at = max(metric_rollups.last_at, excluded.last_at),
    score_max = max(metric_rollups.score_max, excluded.score_max)`;

const insertSketches = (rows: number) =>
  `insert into metric_sketches (series_id, bucket, data) values ${Array.from({ length: rows }, () => '(?, ?, ?)').join(', ')}`;

const insertBlocks = (rows: number) => `
  insert into metric_minute_blocks (series_id, hour, data) values ${Array.from({ length: rows }, () => '(?, ?, ?)').join(', ')}`;

/**
 * Bulk metric writes on SQLite: closed minutes appended as blocks (storage/minute-blocks.ts),
 * open minutes and hours as prepared multi-row upserts run straight on the connection
 * (inside the open transaction), in series order. Measured against a Kysely multi-row
 * upsert compiled per flush: +37–43 % ingest throughput (compiling and binding through the
 * query builder was a third of the flush); 64 rows a statement instead of one, a further
 * ~25 % off the cost of a row; rows in series order walk the primary key once instead of
 * hopping between series (3 µs a row instead of 10). SQLite applies the rows of a statement
 * in order, so two deltas for one bucket in one statement add up as they should.
 */
export function sqliteBulkWriter(database: SQLite.Database): BulkWriter {
  const statements = new Map<string, SQLite.Statement>();
  const prepared = (sql: string) => {
    let s = statements.get(sql);
    if (!s) statements.set(sql, (s = database.prepare(sql)));
    return s;
  };
  /** Runs `bind(k, params, at)` for items 0…n-1, ROWS to a statement. */
  const runAll = (
    n: number,
    width: number,
    statement: (rows: number) => string,
    bind: (k: number, params: unknown[], at: number) => void,
  ) => {
    const params: unknown[] = new Array(ROWS * width);
    for (let k = 0; k < n;) {
      const rows = n - k >= ROWS ? ROWS : 1;
      for (let r = 0; r < rows; r++) bind(k + r, params, r * width);
      prepared(statement(rows)).run(rows === ROWS ? params : params.slice(0, width));
      k += rows;
    }
  };
  return {
    async mergeRollups(_db, rows: RollupColumns) {
      const { blocks, others } = toBlocks(rows);
      runAll(blocks.count, 3, insertBlocks, (k, p, at) => {
        p[at] = blocks.series[k];
        p[at + 1] = blocks.hour[k];
        p[at + 2] = blockBytes(
          blocks.data.subarray(blocks.start[k]!, blocks.start[k]! + blocks.length[k]!),
        );
      });
      runAll(others.length, 10, upsertHours, (k, p, at) => {
        const i = others[k]!;
        p[at] = rows.series[i];
        p[at + 1] = rows.resolution[i];
        p[at + 2] = rows.bucket[i];
        p[at + 3] = rows.count[i];
        p[at + 4] = rows.sum[i];
        p[at + 5] = rows.min[i];
        p[at + 6] = rows.max[i];
        p[at + 7] = rows.last[i];
        p[at + 8] = rows.lastAt[i];
        p[at + 9] = rows.score[i];
      });
    },
    async insertSeries(_db, rows, createdAt) {
      const insert = prepared(
        'insert into metric_series (id, key, measurement, tags, field, created_at) values (?, ?, ?, ?, ?, ?)',
      );
      for (const r of rows) {
        const parts = parseSeriesKey(r.key);
        insert.run(
          r.id,
          r.key,
          parts.measurement,
          JSON.stringify(parts.tags),
          parts.field,
          createdAt,
        );
      }
    },
    async appendSketches(_db, rows) {
      runAll(rows.length, 3, insertSketches, (k, p, at) => {
        const r = rows[k]!;
        p[at] = r.series;
        p[at + 1] = r.bucket;
        p[at + 2] = Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength);
      });
    },
  };
}
