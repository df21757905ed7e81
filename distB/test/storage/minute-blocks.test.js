import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HOUR_MS, MINUTE_MS } from '../../src/evaluate/metrics/rollups.js';
import { RollupColumns } from '../../src/evaluate/metrics/rollup-columns.js';
import { FIELDS, blockBytes, blockFromBytes, mergeBlockBytes, mergeBlocks, toBlocks } from '../../src/storage/minute-blocks.js';
import { freshStore, testDatabases } from '../helpers/databases.js';
import { seededRandom } from '../helpers/ingest.js';
const dbs = await testDatabases();
const H0 = Date.parse('2026-10-05T08:00:00Z');
/** One minute of a block: minute, count, sum, min, max, last, lastAt, score. */
const minute = (m, count, sum, min, max, last, lastAt, score = 0) => [m, count, sum, min, max, last, lastAt, score];
const block = (...minutes) => Float64Array.from(minutes.flat());
describe('minute blocks', () => {
    test('merge minute by minute: counts and sums add, extremes widen, the later last wins and the newer on a tie', () => {
        const older = block(minute(1, 2, 10, 4, 6, 6, 1000, 0.1), minute(5, 1, 3, 3, 3, 3, 5000), minute(7, 1, 1, 1, 1, 1, 7000));
        const newer = block(minute(0, 1, 2, 2, 2, 2, 500), minute(5, 2, 8, 2, 6, 2, 5000, 0.9), minute(9, 1, 4, 4, 4, 4, 9000));
        assert.deepEqual(Array.from(mergeBlocks(older, newer)), [
            ...minute(0, 1, 2, 2, 2, 2, 500),
            ...minute(1, 2, 10, 4, 6, 6, 1000, 0.1),
            ...minute(5, 3, 11, 2, 6, 2, 5000, 0.9),
            ...minute(7, 1, 1, 1, 1, 1, 7000),
            ...minute(9, 1, 4, 4, 4, 4, 9000),
        ]);
        // An older last stays when the newer delta's last is earlier.
        assert.deepEqual(Array.from(mergeBlocks(block(minute(3, 1, 9, 9, 9, 9, 3500)), block(minute(3, 1, 1, 1, 1, 1, 3100)))), minute(3, 2, 10, 1, 9, 9, 3500));
    });
    test('merging stored bytes gives what merging the numbers gives, with or without the end-to-end shortcut', () => {
        const a = block(minute(1, 1, 1, 1, 1, 1, 1), minute(2, 1, 2, 2, 2, 2, 2));
        const later = block(minute(3, 1, 3, 3, 3, 3, 3));
        const overlapping = block(minute(2, 1, 5, 5, 5, 5, 5), minute(4, 1, 4, 4, 4, 4, 4));
        for (const b of [later, overlapping]) {
            assert.deepEqual(Array.from(blockFromBytes(mergeBlockBytes(blockBytes(a), blockBytes(b)))), Array.from(mergeBlocks(a, b)));
        }
        assert.deepEqual(Array.from(blockFromBytes(mergeBlockBytes(new Uint8Array(0), blockBytes(a)))), Array.from(a));
    });
    test('deltas become one block per series and hour, a minute given twice merged into one', () => {
        const rows = new RollupColumns();
        rows.push(2, MINUTE_MS, H0 + 3 * MINUTE_MS, 1, 5, 5, 5, 5, H0 + 3 * MINUTE_MS + 1, 0);
        rows.push(1, MINUTE_MS, H0 + HOUR_MS + MINUTE_MS, 1, 7, 7, 7, 7, H0 + HOUR_MS + MINUTE_MS, 0);
        rows.push(1, MINUTE_MS, H0, 1, 1, 1, 1, 1, H0 + 10, 0);
        rows.push(1, HOUR_MS, H0, 2, 3, 1, 2, 2, H0 + 20, 0);
        rows.push(1, MINUTE_MS, H0, 1, 2, 2, 2, 2, H0 + 20, 0.5);
        const { blocks, others } = toBlocks(rows);
        const got = Array.from({ length: blocks.count }, (_, k) => [blocks.series[k], blocks.hour[k], Array.from(blocks.data.subarray(blocks.start[k], blocks.start[k] + blocks.length[k]))]);
        assert.deepEqual(got, [
            [1, H0, minute(0, 2, 3, 1, 2, 2, H0 + 20, 0.5)],
            [1, H0 + HOUR_MS, minute(1, 1, 7, 7, 7, 7, H0 + HOUR_MS + MINUTE_MS)],
            [2, H0, minute(3, 1, 5, 5, 5, 5, H0 + 3 * MINUTE_MS + 1)],
        ]);
        assert.deepEqual(Array.from(others), [3]);
        assert.equal(blocks.length[0] % FIELDS, 0);
    });
});
for (const db of dbs) {
    describe(`minute rollups in storage [${db.name}]`, { skip: db.skip }, () => {
        let store;
        let close;
        before(async () => ({ store, close } = await freshStore(db)));
        after(async () => close?.());
        test('random deltas over many flushes read back exactly as their sums, in and out of order', async () => {
            const random = seededRandom(7);
            const expected = new Map();
            for (let flush = 0; flush < 12; flush++) {
                const rows = new RollupColumns();
                for (let k = 0; k < 400; k++) {
                    const series = Math.floor(random() * 5);
                    // Mostly forward in time, now and then far back (a late point).
                    const m = random() < 0.9 ? flush * 20 + Math.floor(random() * 30) : Math.floor(random() * 200);
                    const bucket = H0 + m * MINUTE_MS;
                    const value = Math.round(random() * 1000) / 10;
                    const lastAt = bucket + Math.floor(random() * 60) * 1000;
                    const score = Math.round(random() * 100) / 100;
                    rows.push(series, MINUTE_MS, bucket, 1, value, value, value, value, lastAt, score);
                    const key = `${series}:${bucket}`;
                    const e = expected.get(key);
                    expected.set(key, e === undefined
                        ? { series, resolution: MINUTE_MS, bucket, count: 1, sum: value, min: value, max: value, last: value, lastAt, scoreMax: score }
                        : { ...e, count: e.count + 1, sum: e.sum + value, min: Math.min(e.min, value), max: Math.max(e.max, value), last: lastAt >= e.lastAt ? value : e.last, lastAt: Math.max(lastAt, e.lastAt), scoreMax: Math.max(e.scoreMax, score) });
                }
                await store.transaction((tx) => tx.metrics.mergeRollups(rows));
            }
            for (let series = 0; series < 5; series++) {
                const got = await store.metrics.rollups(series, MINUTE_MS, H0 - HOUR_MS, H0 + 10 * HOUR_MS);
                const want = [...expected.values()].filter((r) => r.series === series).sort((a, b) => a.bucket - b.bucket);
                assert.equal(got.length, want.length);
                got.forEach((g, i) => {
                    const w = want[i];
                    assert.deepEqual([g.bucket, g.count, g.min, g.max, g.last, g.lastAt, g.scoreMax], [w.bucket, w.count, w.min, w.max, w.last, w.lastAt, w.scoreMax]);
                    assert.ok(Math.abs(g.sum - w.sum) < 1e-9, `sum of minute ${g.bucket}: ${g.sum} against ${w.sum}`);
                });
                // A window inside the data: only its minutes.
                const inner = await store.metrics.rollups(series, MINUTE_MS, H0 + 30 * MINUTE_MS, H0 + 90 * MINUTE_MS);
                assert.deepEqual(inner.map((r) => r.bucket), want.filter((r) => r.bucket >= H0 + 30 * MINUTE_MS && r.bucket < H0 + 90 * MINUTE_MS).map((r) => r.bucket));
            }
        });
    });
}
//# sourceMappingURL=minute-blocks.test.js.map