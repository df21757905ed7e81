import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NewPolicyVersion } from '../../../src/services/store/index.js';
import { contract, T0 } from './contract.js';

const version = (hash: string, at: number, extra: Partial<NewPolicyVersion> = {}) => ({
  hash,
  text: `surety: 1 # ${hash}\n`,
  effectiveFrom: at,
  loadedAt: at,
  loadedBy: { id: 'system', name: 'surety' },
  ...extra,
});

await contract('policy versions', (store) => {
  test('nothing stored: no latest, empty lists, no version by hash', async () => {
    const s = store();
    assert.equal(await s.policyVersions.latest(), undefined);
    assert.deepEqual(await s.policyVersions.list(), []);
    assert.deepEqual(await s.policyVersions.all(), []);
    assert.equal(await s.policyVersions.byHash('aa'), undefined);
  });

  test('a version reads back with its id, text, effective date and who loaded it', async () => {
    const s = store();
    const v = await s.policyVersions.insert(version('aa', T0, { effectiveFrom: T0 + 60_000 }));
    assert.deepEqual(v, { ...version('aa', T0, { effectiveFrom: T0 + 60_000 }), id: v.id });
    assert.deepEqual(await s.policyVersions.byHash('aa'), v);
    const { text: _text, ...summary } = v;
    assert.deepEqual(await s.policyVersions.latest(), summary);
  });

  test('listed newest first without text, all oldest first with it; a hash that comes back is found as its latest', async () => {
    const s = store();
    const b = await s.policyVersions.insert(
      version('bb', T0 + 1000, { loadedBy: { id: 'cli' }, text: 'b' }),
    );
    const a2 = await s.policyVersions.insert(version('aa', T0 + 2000, { text: 'a again' }));
    const list = await s.policyVersions.list();
    assert.deepEqual(
      list.map((v) => [v.hash, v.loadedAt]),
      [
        ['aa', T0 + 2000],
        ['bb', T0 + 1000],
        ['aa', T0],
      ],
    );
    assert.equal('text' in list[0]!, false);
    assert.deepEqual(list[1]!.loadedBy, { id: 'cli' });
    assert.deepEqual(
      (await s.policyVersions.all()).map((v) => v.text),
      ['surety: 1 # aa\n', 'b', 'a again'],
    );
    assert.equal((await s.policyVersions.byHash('aa'))!.id, a2.id);
    assert.equal((await s.policyVersions.latest())!.id, a2.id);
    assert.ok(b.id < a2.id);
  });

  test('an insert inside a transaction that fails is not kept', async () => {
    const s = store();
    const before = (await s.policyVersions.list()).length;
    await assert.rejects(
      s.transaction(async (tx) => {
        await tx.policyVersions.insert(version('cc', T0 + 3000));
        throw new Error('refused');
      }),
      /refused/,
    );
    assert.equal((await s.policyVersions.list()).length, before);
  });
});
