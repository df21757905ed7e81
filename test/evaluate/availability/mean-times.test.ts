import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MINUTE } from '../../../src/domain/duration.js';
import { meanTimes, meanTimesByService } from '../../../src/evaluate/availability/mean-times.js';
import { monthWindow } from '../../../src/evaluate/availability/month-window.js';

const t = (local: string) => Date.parse(`${local}+08:00`);
const oct = monthWindow('2026-10', 'Asia/Shanghai');

const incidents = [
  // A: acknowledged after 5 m, recovered after 45 m, all in October.
  {
    service: 'api',
    detectedAt: t('2026-10-03T10:00'),
    acknowledgedAt: t('2026-10-03T10:05'),
    resolvedAt: t('2026-10-03T10:45'),
  },
  // B: acknowledged in October (10 m), recovered in November (2 h): October's MTTA, November's MTTR.
  {
    service: 'api',
    detectedAt: t('2026-10-31T23:00'),
    acknowledgedAt: t('2026-10-31T23:10'),
    resolvedAt: t('2026-11-01T01:00'),
  },
  // C: detected and acknowledged in September, recovered in October after 1 h: October's MTTR only.
  {
    service: 'web',
    detectedAt: t('2026-09-30T23:30'),
    acknowledgedAt: t('2026-09-30T23:40'),
    resolvedAt: t('2026-10-01T00:30'),
  },
  // D: never acknowledged, never resolved.
  { service: 'web', detectedAt: t('2026-10-20T09:00') },
  // E: acknowledged after 2 m, still open.
  {
    service: 'api',
    detectedAt: t('2026-10-10T08:00'),
    acknowledgedAt: t('2026-10-10T08:02'),
    resolvedAt: null,
  },
];

describe('mean times to acknowledge and to recover', () => {
  test('over October: MTTA from acknowledgements in the month, MTTR from recoveries in it', () => {
    // MTTA: A 5 m + B 10 m + E 2 m = 17 m over 3 → 340,000 ms
    // MTTR: A 45 m + C 60 m = 105 m over 2 → 3,150,000 ms
    assert.deepEqual(meanTimes(incidents, oct), {
      mtta: { count: 3, totalMs: 17 * MINUTE, meanMs: 340_000 },
      mttr: { count: 2, totalMs: 105 * MINUTE, meanMs: 3_150_000 },
      unacknowledged: 1, // D
      unresolved: 3, // B (resolved only in November), D, E
    });
  });

  test('November picks up B’s recovery, measured from its detection in October', () => {
    const nov = monthWindow('2026-11', 'Asia/Shanghai');
    const m = meanTimes(incidents, nov);
    assert.deepEqual(m.mttr, { count: 1, totalMs: 120 * MINUTE, meanMs: 7_200_000 });
    assert.deepEqual(m.mtta, { count: 0, totalMs: 0, meanMs: null });
    assert.equal(m.unresolved, 2); // D and E, still open at the end of November
  });

  test('per service', () => {
    const by = meanTimesByService(incidents, oct);
    assert.deepEqual([...by.keys()], ['api', 'web']);
    assert.deepEqual(by.get('api')!.mttr, { count: 1, totalMs: 45 * MINUTE, meanMs: 45 * MINUTE });
    assert.deepEqual(by.get('web')!.mttr, { count: 1, totalMs: 60 * MINUTE, meanMs: 60 * MINUTE });
    assert.equal(by.get('web')!.mtta.count, 0);
  });

  test('a time recorded before detection counts as zero', () => {
    const skewed = [
      {
        detectedAt: t('2026-10-05T10:00'),
        acknowledgedAt: t('2026-10-05T09:59'),
        resolvedAt: t('2026-10-05T10:30'),
      },
    ];
    const m = meanTimes(skewed, oct);
    assert.deepEqual(m.mtta, { count: 1, totalMs: 0, meanMs: 0 });
    assert.equal(m.mttr.totalMs, 30 * MINUTE);
  });
});
