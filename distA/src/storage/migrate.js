import { Migrator } from 'kysely';
import * as initial from './migrations/001-initial.js';
import * as metrics from './migrations/002-metrics.js';
import * as metricBlocks from './migrations/003-metric-blocks.js';
import * as consequences from './migrations/005-consequences.js';
import * as views from './migrations/006-views.js';
/** Migrations in order; the same list runs on both databases. Never edit one that has shipped. */
const MIGRATIONS = {
    '001-initial': initial,
    '002-metrics': metrics,
    '003-metric-blocks': metricBlocks,
    '005-consequences': consequences,
    '006-views': views,
};
/**
 * Brings the schema up to date. The migration bookkeeping tables are named with their
 * schema: Kysely looks for them across all schemas, and would otherwise take another
 * schema's for ours. Kysely's migrator takes a lock, so several instances
 * starting at once against one PostgreSQL apply each migration exactly once.
 */
export async function migrate(db, caps, schema) {
    const provider = {
        async getMigrations() {
            const out = {};
            for (const [name, m] of Object.entries(MIGRATIONS))
                out[name] = { up: (d) => m.up(d, caps) };
            return out;
        },
    };
    const { error, results } = await new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) }).migrateToLatest();
    if (error) {
        const failed = results?.find((r) => r.status === 'Error')?.migrationName;
        throw new Error(`database migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
}
//# sourceMappingURL=migrate.js.map