import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contract, T0 } from './contract.js';

await contract('month events', (store) => {
  test('events read back oldest first with who, when and why; by month or all', async () => {
    const s = store();
    assert.deepEqual(await s.months.events(), []);
    const closed = await s.months.record({
      month: '2026-10',
      action: 'closed',
      reason: 'statement issued',
      at: T0,
      by: { id: 'system' },
    });
    const other = await s.months.record({
      month: '2026-09',
      action: 'closed',
      reason: 'closeAfter passed',
      at: T0 + 1,
      by: { id: 'cli', name: 'ann' },
    });
    const reopened = await s.months.record({
      month: '2026-10',
      action: 'reopened',
      reason: 'the export shifted replies by 18 minutes',
      at: T0 + 2,
      by: { id: 'tok_1', name: 'wang-fang' },
    });
    assert.deepEqual(await s.months.events(['2026-10']), [closed, reopened]);
    assert.deepEqual(reopened, {
      id: reopened.id,
      month: '2026-10',
      action: 'reopened',
      reason: 'the export shifted replies by 18 minutes',
      at: T0 + 2,
      by: { id: 'tok_1', name: 'wang-fang' },
    });
    assert.deepEqual(await s.months.events(), [closed, other, reopened]);
    assert.deepEqual(await s.months.events(['2026-09', '2026-11']), [other]);
    assert.deepEqual(await s.months.events([]), []);
  });
});
