import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GENESIS, entryHash, type AuditEntry } from '../../../src/domain/audit.js';
import type { Store } from '../../../src/services/store/index.js';
import { T0, contract } from './contract.js';

/** Appends one entry after the head, as the audit service does, and returns it. */
async function append(s: Store, type: 'ticket' | 'customer', id: string, at = T0) {
  return s.transaction(async (tx) => {
    const head = await tx.audit.lockHead();
    const draft = {
      seq: head.seq + 1,
      at,
      actor: { id: 'tok_1', name: 'desk' },
      action: `${type}.created`,
      object: { type, id },
      digest: 'd'.repeat(64),
      prev: head.hash,
    };
    const entry: AuditEntry = { ...draft, hash: entryHash(draft) };
    await tx.audit.append([entry]);
    return entry;
  });
}

await contract('audit log', (store) => {
  test('an empty log has the genesis head; appends move it; entries read back whole', async () => {
    const s = store();
    assert.deepEqual(await s.audit.head(), { seq: 0, hash: GENESIS });
    const a = await append(s, 'ticket', '2', T0);
    const b = await append(s, 'customer', 'acme', T0 + 10);
    const c = await append(s, 'ticket', '10', T0 + 20);
    const d = await append(s, 'ticket', '2', T0 + 30);
    assert.deepEqual(await s.audit.head(), { seq: 4, hash: d.hash });
    assert.equal(b.prev, a.hash);
    assert.deepEqual(await s.audit.get(2), b);
    assert.deepEqual(await s.audit.list({ limit: 10 }), [a, b, c, d]);
    assert.deepEqual(
      (await s.audit.list({ objectType: 'ticket', objectId: '2', limit: 10 })).map((e) => e.seq),
      [1, 4],
    );
    assert.deepEqual(
      (await s.audit.list({ from: T0 + 10, to: T0 + 30, limit: 10 })).map((e) => e.seq),
      [2, 3],
    );
    assert.deepEqual(
      (await s.audit.list({ afterSeq: 2, limit: 1 })).map((e) => e.seq),
      [3],
    );
    assert.deepEqual(await s.audit.list({ actor: 'someone else', limit: 10 }), []);
  });

  test('byObject pages in (type, id, seq) order; hasEntries names the known ids', async () => {
    const s = store();
    const order: string[] = [];
    for (let after: { type: string; id: string; seq: number } | undefined; ;) {
      const page = await s.audit.byObject(after, 2);
      order.push(...page.map((e) => `${e.type}:${e.id}#${e.seq}`));
      if (page.length < 2) break;
      const last = page[page.length - 1]!;
      after = { type: last.type, id: last.id, seq: last.seq };
    }
    // Text order of ids, as the index keeps them: "10" before "2".
    assert.deepEqual(order, ['customer:acme#2', 'ticket:10#3', 'ticket:2#1', 'ticket:2#4']);
    assert.deepEqual([...(await s.audit.hasEntries('ticket', ['2', '3', '10']))].sort(), [
      '10',
      '2',
    ]);
  });

  test('checkpoints and keys are kept once each, newest checkpoint first', async () => {
    const s = store();
    const c1 = { seq: 2, hash: 'a'.repeat(64), at: T0, keyId: 'k1', signature: 'c2ln' };
    const c2 = { seq: 4, hash: 'b'.repeat(64), at: T0 + 1, keyId: 'k1', signature: 'c2ln' };
    await s.audit.addCheckpoint(c1);
    await s.audit.addCheckpoint(c2);
    await s.audit.addCheckpoint({ ...c2, signature: 'other' });
    assert.deepEqual(await s.audit.checkpoints(10), [c2, c1]);
    assert.deepEqual(await s.audit.latestCheckpoint(), c2);
    const key = { keyId: 'k1', publicKey: 'PEM', createdAt: T0 };
    assert.equal(await s.audit.addKey(key), true);
    assert.equal(await s.audit.addKey({ ...key, publicKey: 'other' }), false);
    assert.deepEqual(await s.audit.keys(), [key]);
  });
});

await contract('audit pending entries', (store) => {
  test('wait in the order written until removed; the head can be tried without waiting', async () => {
    const s = store();
    const entry = (id: string) => ({
      at: T0,
      actor: { id: 'tok_1' },
      action: 'ticket.created',
      object: { type: 'ticket' as const, id },
      digest: 'e'.repeat(64),
    });
    await s.audit.addPending([entry('7'), entry('8')]);
    await s.audit.addPending([{ ...entry('9'), reason: 'why' }]);
    const pending = await s.audit.pending(10);
    assert.deepEqual(
      pending.map(({ pendingId, ...rest }) => (void pendingId, rest)),
      [entry('7'), entry('8'), { ...entry('9'), reason: 'why' }],
    );
    assert.deepEqual(
      (await s.audit.pending(1)).map((p) => p.object.id),
      ['7'],
    );
    await s.audit.removePending(pending.slice(0, 2).map((p) => p.pendingId));
    assert.deepEqual(
      (await s.audit.pending(10)).map((p) => p.object.id),
      ['9'],
    );
    const head = await s.transaction((tx) => tx.audit.tryLockHead());
    assert.deepEqual(head, await s.audit.head());
    assert.equal(typeof s.audit.deferred, 'boolean');
  });
});

await contract('leases', (store) => {
  test('a lease is taken by one owner until it ends, then by whoever asks first', async () => {
    const s = store();
    assert.equal(await s.leases.claim('job', 'a', T0 + 100, T0), true);
    assert.equal(await s.leases.claim('job', 'b', T0 + 200, T0 + 50), false, 'held by a');
    assert.equal(await s.leases.claim('job', 'a', T0 + 200, T0 + 50), false, 'a too waits');
    assert.equal(await s.leases.claim('other', 'b', T0 + 100, T0 + 50), true, 'names are apart');
    assert.equal(await s.leases.claim('job', 'b', T0 + 300, T0 + 100), true, 'ended: b takes it');
  });
});
