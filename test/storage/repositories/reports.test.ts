import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contract, T0 } from './contract.js';

await contract('report runs', (store) => {
  test('the latest run of a kind is the last generated; a period run again is replaced', async () => {
    const s = store();
    assert.equal(await s.reports.lastRun('monthly'), undefined);
    await s.reports.recordRun({
      kind: 'monthly',
      period: '2026-09',
      generatedAt: T0,
      deliveredTo: ['ann@example.com'],
    });
    await s.reports.recordRun({
      kind: 'monthly',
      period: '2026-10',
      generatedAt: T0 + 10,
      deliveredTo: [],
    });
    await s.reports.recordRun({
      kind: 'weekly',
      period: '2026-W41',
      generatedAt: T0 + 20,
      deliveredTo: [],
    });
    assert.deepEqual(await s.reports.lastRun('monthly'), {
      period: '2026-10',
      generatedAt: T0 + 10,
    });
    // September generated again, later: now it is the latest.
    await s.reports.recordRun({
      kind: 'monthly',
      period: '2026-09',
      generatedAt: T0 + 30,
      deliveredTo: ['bob@example.com'],
    });
    assert.deepEqual(await s.reports.lastRun('monthly'), {
      period: '2026-09',
      generatedAt: T0 + 30,
    });
    assert.deepEqual(await s.reports.lastRun('weekly'), {
      period: '2026-W41',
      generatedAt: T0 + 20,
    });
  });
});
