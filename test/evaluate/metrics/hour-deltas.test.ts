import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bucketStart } from '../../../src/domain/buckets.js';
import { hourDeltas } from '../../../src/evaluate/metrics/hour-deltas.js';
import { RollupColumns } from '../../../src/evaluate/metrics/rollup-columns.js';
import { RollupAccumulator } from '../../../src/evaluate/metrics/rollups.js';
import { seededRandom } from '../../helpers/ingest.js';
import { HOUR, MINUTE } from '../../../src/domain/duration.js';

interface Hour {
  count: number;
  sum: number;
  min: number;
  max: number;
  last: number;
  lastAt: number;
  score: number;
}

/** Adds one set of deltas into per (series, bucket) totals, as storage does. */
function addInto(totals: Map<string, Hour>, rows: RollupColumns, resolution: number): void {
  for (let i = 0; i < rows.length; i++) {
    if (rows.resolution[i] !== resolution) continue;
    const key = `${rows.series[i]}@${rows.bucket[i]}`;
    const t = totals.get(key);
    if (!t) {
      totals.set(key, {
        count: rows.count[i]!,
        sum: rows.sum[i]!,
        min: rows.min[i]!,
        max: rows.max[i]!,
        last: rows.last[i]!,
        lastAt: rows.lastAt[i]!,
        score: rows.score[i]!,
      });
      continue;
    }
    t.count += rows.count[i]!;
    t.sum += rows.sum[i]!;
    t.min = Math.min(t.min, rows.min[i]!);
    t.max = Math.max(t.max, rows.max[i]!);
    if (rows.lastAt[i]! >= t.lastAt) [t.last, t.lastAt] = [rows.last[i]!, rows.lastAt[i]!];
    t.score = Math.max(t.score, rows.score[i]!);
  }
}

describe('hour deltas', () => {
  test('the hours derived from each flush add up to the hours of the points themselves, late points included', () => {
    const random = seededRandom(41);
    const acc = new RollupAccumulator();
    acc.ensure(8);
    const expected = new Map<string, Hour>();
    const stored = new Map<string, Hour>();
    let minuteRows = 0;
    const t0 = Date.UTC(2026, 9, 5, 7, 50);
    let clock = t0;
    for (let flush = 0; flush < 60; flush++) {
      for (let p = 0; p < 200; p++) {
        const series = Math.floor(random() * 8);
        clock += Math.floor(random() * 4000);
        // One point in ten arrives late, up to 70 minutes behind: into a flushed minute, and at times a flushed hour.
        const time = random() < 0.1 ? clock - Math.floor(random() * 70 * MINUTE) : clock;
        // Integers, so that sums are exact whatever order they are added in.
        const value = Math.floor(random() * 1000) - 500;
        const score = Math.floor(random() * 100) / 100;
        acc.add(series, time, value, score);
        const key = `${series}@${bucketStart(time, HOUR)}`;
        const e = expected.get(key);
        if (!e)
          expected.set(key, {
            count: 1,
            sum: value,
            min: value,
            max: value,
            last: value,
            lastAt: time,
            score,
          });
        else {
          e.count++;
          e.sum += value;
          e.min = Math.min(e.min, value);
          e.max = Math.max(e.max, value);
          if (time >= e.lastAt) [e.last, e.lastAt] = [value, time];
          e.score = Math.max(e.score, score);
        }
      }
      const minutes = acc.takeDeltas();
      minuteRows += minutes.length;
      const hours = hourDeltas(minutes);
      for (let i = 0; i < hours.length; i++) assert.equal(hours.resolution[i], HOUR);
      // One row per series and hour in each flush.
      const seen = new Set(
        Array.from({ length: hours.length }, (_, i) => `${hours.series[i]}@${hours.bucket[i]}`),
      );
      assert.equal(seen.size, hours.length);
      addInto(stored, hours, HOUR);
      acc.recycle(minutes);
    }
    assert.ok(
      minuteRows > expected.size,
      'the flushes carried more minute rows than there are hours',
    );
    assert.ok(clock - t0 > 3 * HOUR, 'the points span several hours');
    assert.deepEqual(new Map([...stored].sort()), new Map([...expected].sort()));
  });

  test('rows of other resolutions are left out, and no minutes make no hours', () => {
    const rows = new RollupColumns();
    rows.push(1, HOUR, 0, 5, 5, 1, 1, 1, 10, 0);
    assert.equal(hourDeltas(rows).length, 0);
    assert.equal(hourDeltas(new RollupColumns()).length, 0);
  });

  test('an open minute keeps its hour open', () => {
    const rows = new RollupColumns();
    const hour = Date.UTC(2026, 9, 5, 8);
    rows.push(3, MINUTE, hour, 2, 3, 1, 2, 2, hour + 30_000, 0.1, 0);
    rows.push(3, MINUTE, hour + MINUTE, 1, 7, 7, 7, 7, hour + 70_000, 0.5, 1);
    const out = hourDeltas(rows);
    assert.equal(out.length, 1);
    assert.deepEqual(
      [
        out.series[0],
        out.bucket[0],
        out.count[0],
        out.sum[0],
        out.min[0],
        out.max[0],
        out.last[0],
        out.score[0],
        out.open[0],
      ],
      [3, hour, 3, 10, 1, 7, 7, 0.5, 1],
    );
  });
});
