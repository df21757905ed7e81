import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './database.js';
import type { DialectCapabilities } from './dialects/capabilities.js';
import * as initial from './migrations/001-initial.js';
import * as metrics from './migrations/002-metrics.js';
import * as metricBlocks from './migrations/003-metric-blocks.js';
import * as availability from './migrations/004-availability.js';
import * as consequences from './migrations/005-consequences.js';
import * as views from './migrations/006-views.js';
import * as followup from './migrations/007-followup.js';
import * as heartbeatReports from './migrations/008-heartbeat-reports.js';
import * as recordedBy from './migrations/009-recorded-by.js';
import * as auditLog from './migrations/010-audit-log.js';
import * as policyVersions from './migrations/011-policy-versions.js';
import * as assessments from './migrations/013-assessments.js';
import * as lateEntries from './migrations/014-late-entries.js';

/** Migrations in order; the same list runs on both databases. Never edit one that has shipped. */
const MIGRATIONS: Record<
  string,
  { up(db: Kysely<unknown>, caps: DialectCapabilities): Promise<void> }
> = {
  '001-initial': initial,
  '002-metrics': metrics,
  '003-metric-blocks': metricBlocks,
  '004-availability': availability,
  '005-consequences': consequences,
  '006-views': views,
  '007-followup': followup,
  '008-heartbeat-reports': heartbeatReports,
  '009-recorded-by': recordedBy,
  '010-audit-log': auditLog,
  '011-policy-versions': policyVersions,
  '013-assessments': assessments,
  '014-late-entries': lateEntries,
};

/**
 * Brings the schema up to date. The migration bookkeeping tables are named with their
 * schema: Kysely looks for them across all schemas, and would otherwise take another
 * schema's for ours. Kysely's migrator takes a lock, so several instances
 * starting at once against one PostgreSQL apply each migration exactly once.
 */
export async function migrate(
  db: Kysely<Database>,
  caps: DialectCapabilities,
  schema?: string,
  upTo?: string,
): Promise<void> {
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, m] of Object.entries(MIGRATIONS)) out[name] = { up: (d) => m.up(d, caps) };
      return out;
    },
  };
  const migrator = new Migrator({
    db,
    provider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  // `upTo` stops at a migration (tests of an upgrade start from an older schema).
  const { error, results } = upTo
    ? await migrator.migrateTo(upTo)
    : await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(
      `database migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
