import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RollupColumns } from '../../../src/evaluate/metrics/rollup-columns.js';
import { HOUR_MS, MINUTE_MS } from '../../../src/evaluate/metrics/rollups.js';
import { contract, T0 } from './contract.js';

// Minute rollups (blocks and open rows) have their own suite: test/storage/minute-blocks.test.ts.
const H0 = Math.floor(T0 / HOUR_MS) * HOUR_MS;

await contract('metrics', (store) => {
  test('series are stored by key, their parts read from it; found by measurement, field, tags and id', async () => {
    const s = store();
    await s.metrics.insertSeries(
      [
        { id: 1, key: 'http,host=a,region=east latency' },
        { id: 2, key: 'http,host=b,region=east latency' },
        { id: 3, key: 'http,host=a,region=west errors' },
        { id: 4, key: 'cpu,host=a usage' },
      ],
      T0,
    );
    assert.deepEqual(await s.metrics.allSeriesKeys(), [
      { id: 1, key: 'http,host=a,region=east latency' },
      { id: 2, key: 'http,host=b,region=east latency' },
      { id: 3, key: 'http,host=a,region=west errors' },
      { id: 4, key: 'cpu,host=a usage' },
    ]);
    const [first] = await s.metrics.findSeriesById([1]);
    assert.deepEqual(first, {
      id: 1,
      key: 'http,host=a,region=east latency',
      measurement: 'http',
      tags: { host: 'a', region: 'east' },
      field: 'latency',
      createdAt: T0,
    });
    const ids = async (q: Parameters<ReturnType<typeof store>['metrics']['findSeries']>[0]) =>
      (await s.metrics.findSeries(q)).map((r) => r.id);
    assert.deepEqual(await ids({ measurement: 'http', limit: 10 }), [1, 2, 3]);
    assert.deepEqual(await ids({ measurement: 'http', field: 'latency', limit: 10 }), [1, 2]);
    assert.deepEqual(await ids({ tags: { host: 'a' }, limit: 10 }), [1, 3, 4]);
    assert.deepEqual(await ids({ tags: { host: 'a', region: 'west' }, limit: 10 }), [3]);
    assert.deepEqual(await ids({ measurement: 'http', limit: 2 }), [1, 2]);
    assert.deepEqual(
      (await s.metrics.findSeriesById([4, 2, 99])).map((r) => r.id),
      [2, 4],
    );
    assert.deepEqual(await s.metrics.findSeriesById([]), []);
  });

  test('hour rollups add up: counts and sums add, extremes widen, the latest value wins', async () => {
    const s = store();
    const first = new RollupColumns();
    first.push(1, HOUR_MS, H0, 2, 30, 10, 20, 20, H0 + 5_000, 0.5);
    first.push(1, HOUR_MS, H0 + HOUR_MS, 1, 7, 7, 7, 7, H0 + HOUR_MS + 1, 0);
    first.push(2, HOUR_MS, H0, 1, 1, 1, 1, 1, H0, 0);
    await s.metrics.mergeRollups(first);
    const second = new RollupColumns();
    second.push(1, HOUR_MS, H0, 3, 15, 2, 9, 4, H0 + 9_000, 0.9);
    // An older point arriving late widens the extremes but is not the last value.
    second.push(1, HOUR_MS, H0, 1, 100, 100, 100, 100, H0 + 1_000, 0.1);
    await s.metrics.mergeRollups(second);
    const rows = await s.metrics.rollups(1, HOUR_MS, H0, H0 + 2 * HOUR_MS);
    assert.deepEqual(rows, [
      {
        series: 1,
        resolution: HOUR_MS,
        bucket: H0,
        count: 6,
        sum: 145,
        min: 2,
        max: 100,
        last: 4,
        lastAt: H0 + 9_000,
        scoreMax: 0.9,
      },
      {
        series: 1,
        resolution: HOUR_MS,
        bucket: H0 + HOUR_MS,
        count: 1,
        sum: 7,
        min: 7,
        max: 7,
        last: 7,
        lastAt: H0 + HOUR_MS + 1,
        scoreMax: 0,
      },
    ]);
    assert.deepEqual(
      (await s.metrics.rollups(1, HOUR_MS, H0 + HOUR_MS, H0 + 2 * HOUR_MS)).map((r) => r.bucket),
      [H0 + HOUR_MS],
    );
    assert.equal((await s.metrics.rollups(2, HOUR_MS, H0, H0 + HOUR_MS))[0]!.count, 1);
  });

  test('sketch deltas are appended, several a minute, read back by minute in a window', async () => {
    const s = store();
    const bytes = (...xs: number[]) => new Uint8Array(new Float64Array(xs).buffer);
    await s.metrics.appendSketches([
      { series: 1, bucket: H0 + MINUTE_MS, data: bytes(1, 0, 0, 0, 0) },
      { series: 1, bucket: H0, data: bytes(2, 0, 0, 0, 0) },
      { series: 2, bucket: H0, data: bytes(3, 0, 0, 0, 0) },
    ]);
    await s.metrics.appendSketches([{ series: 1, bucket: H0, data: bytes(4, 0, 0, 0, 0) }]);
    const got = await s.metrics.sketches(1, H0, H0 + 2 * MINUTE_MS);
    const zeroCount = (d: Uint8Array) => new Float64Array(new Uint8Array(d).buffer)[0];
    assert.deepEqual(
      got.map((g) => g.bucket),
      [H0, H0, H0 + MINUTE_MS],
    );
    assert.deepEqual(
      got
        .slice(0, 2)
        .map((g) => zeroCount(g.data))
        .sort(),
      [2, 4],
    );
    assert.equal(zeroCount(got[2]!.data), 1);
    assert.equal((await s.metrics.sketches(1, H0 + MINUTE_MS, H0 + 2 * MINUTE_MS)).length, 1);
  });

  test('raw points are kept in time order within a window and pruned by age', async () => {
    const s = store();
    await s.metrics.insertPoints({
      count: 4,
      series: Int32Array.from([1, 1, 2, 1]),
      times: Float64Array.from([T0 + 30, T0 + 10, T0 + 20, T0 - 10]),
      values: Float64Array.from([3.5, 1.25, 9, -1]),
    });
    assert.deepEqual(await s.metrics.points(1, T0, T0 + 100, 10), [
      { t: T0 + 10, v: 1.25 },
      { t: T0 + 30, v: 3.5 },
    ]);
    assert.deepEqual(await s.metrics.points(1, T0 - 100, T0 + 100, 1), [{ t: T0 - 10, v: -1 }]);
    assert.equal(await s.metrics.deletePointsBefore(T0 + 15), 2);
    assert.deepEqual(await s.metrics.points(1, T0 - 100, T0 + 100, 10), [{ t: T0 + 30, v: 3.5 }]);
    assert.deepEqual(await s.metrics.points(2, T0 - 100, T0 + 100, 10), [{ t: T0 + 20, v: 9 }]);
  });
});
