// When a scheduled report is due: the first local day after its period, at the schedule's time.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { latestDue } from '../../src/reports/schedule.js';

const due = (
  kind: 'daily' | 'weekly' | 'monthly' | 'quarterly',
  at: string,
  now: string,
  zone = 'Asia/Shanghai',
) => {
  const [h, m] = at.split(':').map(Number) as [number, number];
  const r = latestDue(kind, h * 60 + m, Date.parse(now), zone);
  return [r.period.label, new Date(r.dueAt).toISOString()];
};

describe('scheduled report due times', () => {
  test('monthly: the month before, from 09:00 on the 1st (Shanghai)', () => {
    assert.deepEqual(due('monthly', '09:00', '2026-11-01T00:59:59Z'), [
      '2026-09',
      '2026-10-01T01:00:00.000Z',
    ]);
    assert.deepEqual(due('monthly', '09:00', '2026-11-01T01:00:00Z'), [
      '2026-10',
      '2026-11-01T01:00:00.000Z',
    ]);
    assert.deepEqual(due('monthly', '09:00', '2026-11-20T00:00:00Z'), [
      '2026-10',
      '2026-11-01T01:00:00.000Z',
    ]);
  });
  test('daily, weekly (ISO weeks, Monday) and quarterly', () => {
    assert.deepEqual(due('daily', '08:30', '2026-10-06T00:30:00Z'), [
      '2026-10-05',
      '2026-10-06T00:30:00.000Z',
    ]);
    assert.deepEqual(due('daily', '08:30', '2026-10-06T00:29:00Z'), [
      '2026-10-04',
      '2026-10-05T00:30:00.000Z',
    ]);
    assert.deepEqual(due('weekly', '08:00', '2026-10-12T00:00:00Z'), [
      '2026-W41',
      '2026-10-12T00:00:00.000Z',
    ]);
    assert.deepEqual(due('quarterly', '10:00', '2027-01-01T02:00:00Z'), [
      '2026-Q4',
      '2027-01-01T02:00:00.000Z',
    ]);
  });
  test('the time of day is wall-clock time across a DST change (Berlin)', () => {
    // 2026-03-29: clocks go from 02:00 to 03:00; the report for the 28th is due at 08:00 CEST (06:00Z).
    assert.deepEqual(due('daily', '08:00', '2026-03-29T07:00:00Z', 'Europe/Berlin'), [
      '2026-03-28',
      '2026-03-29T06:00:00.000Z',
    ]);
    assert.deepEqual(due('daily', '08:00', '2026-03-28T07:30:00Z', 'Europe/Berlin'), [
      '2026-03-27',
      '2026-03-28T07:00:00.000Z',
    ]);
  });
});
