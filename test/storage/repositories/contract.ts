import { after, before, describe } from 'node:test';
import type { Store } from '../../../src/services/store/index.js';
import { freshStore, testDatabases } from '../../helpers/databases.js';

/** The instant the repository contracts start from. */
export const T0 = Date.parse('2026-10-05T08:00:00Z');

/**
 * Declares a repository's contract once and runs it on every test database, each on a fresh,
 * migrated store: `store()` is that store inside the tests.
 */
export async function contract(name: string, cases: (store: () => Store) => void): Promise<void> {
  for (const db of await testDatabases()) {
    describe(`${name} contract [${db.name}]`, { skip: db.skip }, () => {
      let store: Store | undefined;
      let close: (() => Promise<void>) | undefined;
      before(async () => {
        ({ store, close } = await freshStore(db));
      });
      after(() => close?.());
      cases(() => store!);
    });
  }
}

/** A customer (created if missing) and one urgent problem ticket of it, as the reads need. */
export async function seedTicket(
  s: Store,
  customer: string,
  status: 'new' | 'open' = 'new',
): Promise<number> {
  if (!(await s.customers.get(customer)))
    await s.customers.insert({
      id: customer,
      name: customer,
      monthlyFeeMinor: 100,
      currency: 'CNY',
      overrides: {},
      createdAt: T0,
    });
  return s.tickets.insert(
    {
      customer,
      kind: 'problem',
      priority: 'urgent',
      channel: 'web',
      subject: 's',
      body: 'b',
      createdAt: T0,
    },
    {
      status,
      currentKind: 'problem',
      currentPriority: 'urgent',
      breached: false,
      nextDueAt: null,
      updatedAt: T0,
    },
  );
}
