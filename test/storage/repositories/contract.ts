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
