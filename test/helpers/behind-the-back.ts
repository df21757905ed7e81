import Database from 'better-sqlite3';
import { join } from 'node:path';
import pg from 'pg';

/**
 * Runs SQL against a test server's database directly, as someone with `sqlite3` or `psql`
 * would: the change Surety's audit log must find. Returns the rows of a query.
 */
export async function behindTheBack(
  location: { url: string | undefined; dataDir: string },
  text: string,
  params: unknown[] = [],
): Promise<any[]> {
  if (location.url === undefined) {
    const db = new Database(join(location.dataDir, 'surety.db'));
    try {
      db.pragma('busy_timeout = 5000');
      // $1-style placeholders, so one statement serves both databases.
      const stmt = db.prepare(text.replace(/\$\d+/g, '?'));
      return stmt.reader ? stmt.all(...params) : (stmt.run(...params), []);
    } finally {
      db.close();
    }
  }
  const url = new URL(location.url);
  const schema = url.searchParams.get('schema');
  url.searchParams.delete('schema');
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    if (schema) await client.query(`set search_path to "${schema}"`);
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}
