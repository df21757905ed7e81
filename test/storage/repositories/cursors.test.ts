import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contract } from './contract.js';

await contract('cursors', (store) => {
  test('a cursor starts at 0 and moves only from where it is', async () => {
    const s = store();
    assert.equal(await s.cursors.get('alerts'), 0);
    assert.equal(await s.cursors.advance('alerts', 0, 10), true);
    assert.equal(await s.cursors.get('alerts'), 10);
    // Another reader that still saw 0 loses.
    assert.equal(await s.cursors.advance('alerts', 0, 7), false);
    assert.equal(await s.cursors.advance('alerts', 5, 12), false);
    assert.equal(await s.cursors.get('alerts'), 10);
    assert.equal(await s.cursors.advance('alerts', 10, 25), true);
    assert.equal(await s.cursors.get('alerts'), 25);
  });

  test('cursors are independent by name', async () => {
    const s = store();
    assert.equal(await s.cursors.advance('reports', 0, 3), true);
    assert.equal(await s.cursors.get('reports'), 3);
    assert.equal(await s.cursors.get('nobody'), 0);
  });

  test('of two readers racing from the same position, exactly one wins', async () => {
    const s = store();
    await s.cursors.advance('race', 0, 1);
    const results = await Promise.all([
      s.cursors.advance('race', 1, 2),
      s.cursors.advance('race', 1, 3),
    ]);
    assert.deepEqual(results.filter(Boolean).length, 1);
    assert.ok([2, 3].includes(await s.cursors.get('race')));
  });

  test('a move inside a failed transaction is undone', async () => {
    const s = store();
    await assert.rejects(
      s.transaction(async (tx) => {
        assert.equal(await tx.cursors.advance('undone', 0, 9), true);
        throw new Error('boom');
      }),
    );
    assert.equal(await s.cursors.get('undone'), 0);
  });
});
