import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NewImprovement } from '../../../src/services/store/index.js';
import { contract, T0 } from './contract.js';

const item = (
  month: string,
  title: string,
  extra: Partial<NewImprovement> = {},
): NewImprovement => ({
  month,
  title,
  description: `${title}, in detail`,
  owner: 'ann',
  dueDate: `${month}-28`,
  status: 'planned',
  links: [{ commitment: 'C-01', ticket: 12 }],
  createdAt: T0,
  updatedAt: T0,
  createdBy: 'bob',
  ...extra,
});

await contract('improvements', (store) => {
  test('an item reads back with no reviews; update changes all but its creation', async () => {
    const s = store();
    const id = await s.improvements.insert(item('2026-10', 'Faster triage'));
    assert.deepEqual(await s.improvements.get(id), {
      ...item('2026-10', 'Faster triage'),
      id,
      reviews: [],
    });
    const changed = {
      ...item('2026-10', 'Faster triage, phase 2', {
        status: 'in_progress' as const,
        links: [],
        updatedAt: T0 + 5,
      }),
      id,
      reviews: [],
      createdAt: T0 + 99,
      createdBy: 'mallory',
    };
    await s.improvements.update(id, changed);
    const got = await s.improvements.get(id, { lock: true });
    assert.deepEqual(got, { ...changed, createdAt: T0, createdBy: 'bob' });
    assert.equal(await s.improvements.get(id + 1000), undefined);
  });

  test('a quarter’s review is added once and replaced when given again; reviews by quarter', async () => {
    const s = store();
    const id = await s.improvements.insert(item('2026-07', 'Runbooks'));
    const review = (quarter: string, effect: 'effective' | 'not_effective', at: number) => ({
      quarter,
      effect,
      note: `${quarter} ${effect}`,
      reviewer: 'carol',
      reviewedAt: at,
    });
    await s.improvements.putReview(id, review('2026-Q4', 'not_effective', T0));
    await s.improvements.putReview(id, review('2026-Q3', 'effective', T0 - 1));
    await s.improvements.putReview(id, review('2026-Q4', 'effective', T0 + 1));
    assert.deepEqual((await s.improvements.get(id))!.reviews, [
      review('2026-Q3', 'effective', T0 - 1),
      review('2026-Q4', 'effective', T0 + 1),
    ]);
  });

  test('list filters by month, month range and status, by month then id, up to the limit', async () => {
    const s = store();
    const dec = await s.improvements.insert(item('2026-12', 'December'));
    const nov = await s.improvements.insert(item('2026-11', 'November', { status: 'done' }));
    const oct = await s.improvements.insert(item('2026-10', 'October two'));
    const titles = async (q: Parameters<ReturnType<typeof store>['improvements']['list']>[0]) =>
      (await s.improvements.list(q)).map((i) => i.id);
    assert.deepEqual(await titles({ month: '2026-11', limit: 10 }), [nov]);
    const quarter = await titles({ fromMonth: '2026-10', toMonth: '2026-12', limit: 10 });
    assert.deepEqual(quarter.slice(-3), [oct, nov, dec]);
    assert.ok(quarter.indexOf(oct) > 0, 'earlier October items first, by id');
    assert.deepEqual(
      await titles({ fromMonth: '2026-11', toMonth: '2026-12', statuses: ['planned'], limit: 10 }),
      [dec],
    );
    assert.equal((await s.improvements.list({ limit: 2 })).length, 2);
    assert.deepEqual(await titles({ toMonth: '2026-08', limit: 10 }), [
      (await s.improvements.list({ month: '2026-07', limit: 1 }))[0]!.id,
    ]);
  });
});
