import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { RollupColumns } from '../../src/evaluate/metrics/rollup-columns.js';
import type { RollupRow, Store } from '../../src/services/store/index.js';
import {
  FIELDS,
  blockBytes,
  blockFromBytes,
  minuteRollups,
  toBlocks,
} from '../../src/storage/minute-blocks.js';
import { freshStore, testDatabases } from '../helpers/databases.js';
import { seededRandom } from '../helpers/ingest.js';
import { HOUR, MINUTE } from '../../src/domain/duration.js';

const dbs = await testDatabases();
const H0 = Date.parse('2026-10-05T08:00:00Z');

/** One minute of a block: minute, count, sum, min, max, last, lastAt, score. */
const minute = (
  m: number,
  count: number,
  sum: number,
  min: number,
  max: number,
  last: number,
  lastAt: number,
  score = 0,
) => [m, count, sum, min, max, last, lastAt, score];
const block = (...minutes: number[][]) => Float64Array.from(minutes.flat());

describe('minute blocks', () => {
  test('a block survives its trip through bytes', () => {
    const b = block(minute(1, 2, 10, 4, 6, 6, 1000, 0.1), minute(59, 1, 3, 3, 3, 3, 5000));
    assert.deepEqual(Array.from(blockFromBytes(blockBytes(b))), Array.from(b));
    // Bytes at an odd offset (a slice of a larger buffer) read back the same.
    const shifted = Buffer.concat([Buffer.from([7]), blockBytes(b)]).subarray(1);
    assert.deepEqual(Array.from(blockFromBytes(shifted)), Array.from(b));
  });

  test('deltas add up minute by minute: rows (minutes while open) first, then blocks in the order written', () => {
    const row = (bucket: number, count: number, value: number, lastAt: number): RollupRow => ({
      series: 1,
      resolution: MINUTE,
      bucket,
      count,
      sum: value * count,
      min: value,
      max: value,
      last: value,
      lastAt,
      scoreMax: 0,
    });
    const got = minuteRollups(
      1,
      [
        { hour: H0, data: block(minute(2, 1, 7, 7, 7, 7, H0 + 2 * MINUTE + 30_000)) },
        {
          hour: H0,
          data: block(
            minute(2, 1, 8, 8, 8, 8, H0 + 2 * MINUTE + 30_000),
            minute(3, 1, 1, 1, 1, 1, H0 + 3 * MINUTE),
          ),
        },
      ],
      [
        row(H0 + 2 * MINUTE, 2, 5, H0 + 2 * MINUTE + 30_000),
        row(H0 + 59 * MINUTE, 1, 4, H0 + 59 * MINUTE),
      ],
      H0,
      H0 + 59 * MINUTE,
    );
    assert.deepEqual(
      got.map((r) => [r.bucket, r.count, r.sum, r.min, r.max, r.last]),
      [
        [H0 + 2 * MINUTE, 4, 25, 5, 8, 8],
        [H0 + 3 * MINUTE, 1, 1, 1, 1, 1],
      ],
    );
  });

  test('closed minutes become one block per series and hour, a minute given twice merged into one; open minutes and hours stay rows', () => {
    const rows = new RollupColumns();
    rows.push(1, MINUTE, H0 + 5 * MINUTE, 1, 9, 9, 9, 9, H0 + 5 * MINUTE, 0, 1); // still open
    rows.push(2, MINUTE, H0 + 3 * MINUTE, 1, 5, 5, 5, 5, H0 + 3 * MINUTE + 1, 0);
    rows.push(1, MINUTE, H0 + HOUR + MINUTE, 1, 7, 7, 7, 7, H0 + HOUR + MINUTE, 0);
    rows.push(1, MINUTE, H0, 1, 1, 1, 1, 1, H0 + 10, 0);
    rows.push(1, HOUR, H0, 2, 3, 1, 2, 2, H0 + 20, 0);
    rows.push(1, MINUTE, H0, 1, 2, 2, 2, 2, H0 + 20, 0.5);
    const { blocks, others } = toBlocks(rows);
    const got = Array.from({ length: blocks.count }, (_, k) => [
      blocks.series[k],
      blocks.hour[k],
      Array.from(blocks.data.subarray(blocks.start[k]!, blocks.start[k]! + blocks.length[k]!)),
    ]);
    assert.deepEqual(got, [
      [1, H0, minute(0, 2, 3, 1, 2, 2, H0 + 20, 0.5)],
      [1, H0 + HOUR, minute(1, 1, 7, 7, 7, 7, H0 + HOUR + MINUTE)],
      [2, H0, minute(3, 1, 5, 5, 5, 5, H0 + 3 * MINUTE + 1)],
    ]);
    assert.deepEqual(Array.from(others), [0, 4]);
    assert.equal(blocks.length[0]! % FIELDS, 0);
  });
});

for (const db of dbs) {
  describe(`minute rollups in storage [${db.name}]`, { skip: db.skip }, () => {
    let store: Store;
    let close: () => Promise<void>;
    before(async () => ({ store, close } = await freshStore(db)));
    after(async () => close?.());

    test('random deltas over many flushes read back exactly as their sums, in and out of order', async () => {
      const random = seededRandom(7);
      const expected = new Map<string, RollupRow>();
      for (let flush = 0; flush < 12; flush++) {
        const rows = new RollupColumns();
        for (let k = 0; k < 400; k++) {
          const series = Math.floor(random() * 5);
          // Mostly forward in time, now and then far back (a late point).
          const m =
            random() < 0.9 ? flush * 20 + Math.floor(random() * 30) : Math.floor(random() * 200);
          const bucket = H0 + m * MINUTE;
          const value = Math.round(random() * 1000) / 10;
          // Distinct times: which of two points at the very same time is "last" is settled by write order (see above).
          const lastAt = bucket + Math.floor(random() * 60) * 1000 + flush * 400 + k / 10;
          const score = Math.round(random() * 100) / 100;
          // Some deltas are of minutes still open (stored as rows), the others closed (stored in blocks).
          rows.push(
            series,
            MINUTE,
            bucket,
            1,
            value,
            value,
            value,
            value,
            lastAt,
            score,
            random() < 0.3 ? 1 : 0,
          );
          const key = `${series}:${bucket}`;
          const e = expected.get(key);
          expected.set(
            key,
            e === undefined
              ? {
                  series,
                  resolution: MINUTE,
                  bucket,
                  count: 1,
                  sum: value,
                  min: value,
                  max: value,
                  last: value,
                  lastAt,
                  scoreMax: score,
                }
              : {
                  ...e,
                  count: e.count + 1,
                  sum: e.sum + value,
                  min: Math.min(e.min, value),
                  max: Math.max(e.max, value),
                  last: lastAt >= e.lastAt ? value : e.last,
                  lastAt: Math.max(lastAt, e.lastAt),
                  scoreMax: Math.max(e.scoreMax, score),
                },
          );
        }
        await store.transaction((tx) => tx.metrics.mergeRollups(rows));
      }
      for (let series = 0; series < 5; series++) {
        const got = await store.metrics.rollups(series, MINUTE, H0 - HOUR, H0 + 10 * HOUR);
        const want = [...expected.values()]
          .filter((r) => r.series === series)
          .sort((a, b) => a.bucket - b.bucket);
        assert.equal(got.length, want.length);
        got.forEach((g, i) => {
          const w = want[i]!;
          assert.deepEqual(
            [g.bucket, g.count, g.min, g.max, g.last, g.lastAt, g.scoreMax],
            [w.bucket, w.count, w.min, w.max, w.last, w.lastAt, w.scoreMax],
          );
          assert.ok(
            Math.abs(g.sum - w.sum) < 1e-9,
            `sum of minute ${g.bucket}: ${g.sum} against ${w.sum}`,
          );
        });
        // A window inside the data: only its minutes.
        const inner = await store.metrics.rollups(
          series,
          MINUTE,
          H0 + 30 * MINUTE,
          H0 + 90 * MINUTE,
        );
        assert.deepEqual(
          inner.map((r) => r.bucket),
          want
            .filter((r) => r.bucket >= H0 + 30 * MINUTE && r.bucket < H0 + 90 * MINUTE)
            .map((r) => r.bucket),
        );
      }
    });
  });
}
