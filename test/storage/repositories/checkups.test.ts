import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CheckupRun } from '../../../src/services/store/index.js';
import { contract, T0 } from './contract.js';

const run = (
  kind: CheckupRun['kind'],
  name: string,
  startedAt: number,
  extra: Partial<CheckupRun> = {},
): Omit<CheckupRun, 'id'> => ({
  kind,
  name,
  scheduledAt: startedAt,
  startedAt,
  finishedAt: startedAt + 1_000,
  status: 'passed',
  source: 'scheduled',
  report: { summary: `${name} ok`, steps: [{ name: 'login', ok: true }] },
  ...extra,
});

await contract('checkups', (store) => {
  test('a run reads back as written', async () => {
    const s = store();
    const r = run('health', 'smoke', T0, { scheduledAt: null, source: 'manual' });
    const id = await s.checkups.insert(r);
    assert.deepEqual(await s.checkups.get(id), { ...r, id });
    assert.equal(await s.checkups.get(id + 1000), undefined);
  });

  test('list by kind and name, newest start first, up to the limit; latest of a suite', async () => {
    const s = store();
    const a1 = await s.checkups.insert(run('health', 'api', T0 + 10));
    const a3 = await s.checkups.insert(run('health', 'api', T0 + 30, { status: 'failed' }));
    const a2 = await s.checkups.insert(run('health', 'api', T0 + 20, { status: 'missed' }));
    const load = await s.checkups.insert(run('stress', 'api', T0 + 40));
    assert.deepEqual(
      (await s.checkups.list({ kind: 'health', name: 'api', limit: 10 })).map((r) => r.id),
      [a3, a2, a1],
    );
    assert.deepEqual(
      (await s.checkups.list({ kind: 'health', name: 'api', limit: 2 })).map((r) => r.id),
      [a3, a2],
    );
    assert.deepEqual(
      (await s.checkups.list({ kind: 'stress', limit: 10 })).map((r) => r.id),
      [load],
    );
    assert.ok((await s.checkups.list({ kind: 'health', limit: 10 })).length >= 4);
    assert.equal((await s.checkups.latest('health', 'api'))?.id, a3);
    assert.equal((await s.checkups.latest('health', 'api'))?.status, 'failed');
    assert.equal(await s.checkups.latest('health', 'nothing'), undefined);
  });

  test('two runs started at the same moment: the later written is the latest', async () => {
    const s = store();
    await s.checkups.insert(run('stress', 'tie', T0));
    const second = await s.checkups.insert(run('stress', 'tie', T0));
    assert.equal((await s.checkups.latest('stress', 'tie'))?.id, second);
  });
});
