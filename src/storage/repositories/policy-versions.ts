import type { Kysely, Selectable } from 'kysely';
import type {
  PolicyVersionRepository,
  PolicyVersionSummary,
  StoredPolicyVersion,
} from '../../services/store/index.js';
import type { Database, PolicyVersionsTable } from '../database.js';

type SummaryRow = Omit<Selectable<PolicyVersionsTable>, 'text'>;
const SUMMARY = [
  'id',
  'hash',
  'effective_from',
  'loaded_at',
  'loaded_by',
  'loaded_by_name',
] as const;

function summaryFrom(r: SummaryRow): PolicyVersionSummary {
  return {
    id: Number(r.id),
    hash: r.hash,
    effectiveFrom: r.effective_from,
    loadedAt: r.loaded_at,
    loadedBy:
      r.loaded_by_name === null ? { id: r.loaded_by } : { id: r.loaded_by, name: r.loaded_by_name },
  };
}

const versionFrom = (r: Selectable<PolicyVersionsTable>): StoredPolicyVersion => ({
  ...summaryFrom(r),
  text: r.text,
});

export function policyVersionRepository(db: Kysely<Database>): PolicyVersionRepository {
  return {
    async insert(v) {
      const row = await db
        .insertInto('policy_versions')
        .values({
          hash: v.hash,
          text: v.text,
          effective_from: v.effectiveFrom,
          loaded_at: v.loadedAt,
          loaded_by: v.loadedBy.id,
          loaded_by_name: v.loadedBy.name ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { ...v, id: Number(row.id) };
    },
    async latest() {
      const r = await db
        .selectFrom('policy_versions')
        .select(SUMMARY)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r && summaryFrom(r);
    },
    async list() {
      return (
        await db.selectFrom('policy_versions').select(SUMMARY).orderBy('id', 'desc').execute()
      ).map(summaryFrom);
    },
    async all() {
      return (await db.selectFrom('policy_versions').selectAll().orderBy('id').execute()).map(
        versionFrom,
      );
    },
    async byHash(hash) {
      const r = await db
        .selectFrom('policy_versions')
        .selectAll()
        .where('hash', '=', hash)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r && versionFrom(r);
    },
  };
}
