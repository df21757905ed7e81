import type { Kysely, Selectable } from 'kysely';
import type { Customer } from '../../domain/customer.js';
import type { CustomerRepository } from '../../services/store/index.js';
import type { Database } from '../database.js';

export function customerRepository(db: Kysely<Database>): CustomerRepository {
  const toRow = (c: Customer) => ({
    id: c.id,
    name: c.name,
    plan: c.plan ?? null,
    monthly_fee_minor: c.monthlyFeeMinor,
    currency: c.currency,
    overrides: JSON.stringify(c.overrides),
    created_at: c.createdAt,
  });
  const fromRow = (r: Selectable<Database['customers']>): Customer => ({
    id: r.id,
    name: r.name,
    plan: r.plan ?? undefined,
    monthlyFeeMinor: r.monthly_fee_minor,
    currency: r.currency,
    overrides: JSON.parse(r.overrides) as Customer['overrides'],
    createdAt: r.created_at,
  });
  return {
    async insert(c) {
      await db.insertInto('customers').values(toRow(c)).execute();
    },
    async upsert(c) {
      const { id, created_at, ...rest } = toRow(c);
      await db
        .insertInto('customers')
        .values({ id, created_at, ...rest })
        .onConflict((oc) => oc.column('id').doUpdateSet(rest))
        .execute();
    },
    async get(id) {
      const r = await db
        .selectFrom('customers')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return r && fromRow(r);
    },
    async list() {
      return (await db.selectFrom('customers').selectAll().orderBy('id').execute()).map(fromRow);
    },
  };
}
