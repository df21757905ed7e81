// An installation upgraded to the audit log: what it recorded before has no entries. The first
// start adopts it all, so verification covers old objects as well as new ones; once begun, the
// log is not adopted again.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { adoptExistingRecord } from '../../../src/services/audit/adopt.js';
import { verifyAudit } from '../../../src/services/audit/verify.js';
import type { Store } from '../../../src/services/store/index.js';
import { freshStore, testDatabases } from '../../helpers/databases.js';
import { at } from '../../helpers/policy.js';

const T0 = at('2026-10-05T08:00:00Z');
const SUMMARY = {
  status: 'new',
  currentKind: 'inquiry',
  currentPriority: 'general',
  breached: false,
  nextDueAt: null,
  updatedAt: T0,
} as const;

for (const db of await testDatabases()) {
  describe(`adopting the record kept before the audit log [${db.name}]`, { skip: db.skip }, () => {
    let store: Store;
    let close: () => Promise<void>;
    before(async () => {
      ({ store, close } = await freshStore(db));
      // Written as Surety wrote before it kept an audit log: the record, no entries.
      await store.customers.insert({
        id: 'acme',
        name: 'ACME',
        monthlyFeeMinor: 100_000,
        currency: 'CNY',
        overrides: {},
        createdAt: T0,
      });
      for (let i = 0; i < 3; i++)
        await store.tickets.insert(
          {
            customer: 'acme',
            kind: 'inquiry',
            priority: 'general',
            channel: 'web',
            subject: `t${i}`,
            body: '',
            createdAt: T0 + i,
          },
          SUMMARY,
        );
    });
    after(() => close?.());

    test('unadopted, the old record is named as unaudited; adopted, it verifies', async () => {
      const unadopted = await verifyAudit({ store });
      assert.deepEqual(
        unadopted.problems.map((p) => p.message),
        [
          "customer acme has no audit entry: it was written behind Surety's back",
          ...[1, 2, 3].map(
            (id) => `ticket ${id} has no audit entry: it was written behind Surety's back`,
          ),
        ],
      );
      assert.equal(await adoptExistingRecord(store, T0 + 1000), 4);
      const adopted = await verifyAudit({ store });
      assert.deepEqual(adopted.problems, []);
      assert.equal(adopted.entries, 4);
      assert.deepEqual(
        (await store.audit.list({ limit: 10 })).map((e) => `${e.action} ${e.object.id}`),
        ['customer.adopted acme', 'ticket.adopted 1', 'ticket.adopted 2', 'ticket.adopted 3'],
      );
      assert.equal(await adoptExistingRecord(store, T0 + 2000), 0, 'once begun, never again');
    });
  });
}
