import assert from 'node:assert/strict';
import { test } from 'node:test';
import { QuantileSketch } from '../../../src/evaluate/metrics/quantile-sketch.js';
import { seeded } from '../../../src/domain/random.js';

function exact(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))]!;
}

test('quantiles are within 1 % of the exact ones, over six orders of magnitude', () => {
  const rand = seeded(11).next;
  const values = Array.from({ length: 20_000 }, () => Math.exp(rand() * 14 - 3)); // 0.05 … 60,000
  const s = new QuantileSketch();
  for (const v of values) s.add(v);
  for (const q of [0, 0.5, 0.9, 0.95, 0.99, 1]) {
    const want = exact(values, q);
    assert.ok(Math.abs(s.quantile(q) - want) <= 0.01 * want, `q${q}: ${s.quantile(q)} vs ${want}`);
  }
});

test('sketches of parts merge into the sketch of the whole', () => {
  const a = new QuantileSketch();
  const b = new QuantileSketch();
  const whole = new QuantileSketch();
  for (let i = 1; i <= 1000; i++) {
    (i % 3 ? a : b).add(i);
    whole.add(i);
  }
  a.merge(b);
  assert.equal(a.count, 1000);
  for (const q of [0.5, 0.95, 0.99]) assert.equal(a.quantile(q), whole.quantile(q));
  assert.deepEqual(QuantileSketch.fromData(a.toData()).quantile(0.95), a.quantile(0.95));
});

test('negatives, zeros and the empty sketch', () => {
  const s = new QuantileSketch();
  assert.ok(Number.isNaN(s.quantile(0.5)));
  for (const v of [-10, -1, 0, 0, 1, 10]) s.add(v);
  assert.ok(Math.abs(s.quantile(0) + 10) <= 0.1);
  assert.equal(s.quantile(0.45), 0);
  assert.ok(Math.abs(s.quantile(1) - 10) <= 0.1);
});

test('a sketch as bytes reads back the same: counts, quantiles, negatives and zeros', () => {
  const s = new QuantileSketch();
  for (const v of [-250, -3, 0, 0, 0.5, 1, 2, 3, 5, 8, 13, 1e6]) s.add(v);
  const back = QuantileSketch.fromBytes(s.toBytes());
  assert.equal(back.count, s.count);
  assert.deepEqual(back.toData(), s.toData());
  for (const q of [0, 0.1, 0.25, 0.5, 0.9, 1]) assert.equal(back.quantile(q), s.quantile(q));
  // Bytes at an odd offset, as a database driver may hand them over.
  const shifted = Buffer.concat([Buffer.from([1]), s.toBytes()]).subarray(1);
  assert.deepEqual(QuantileSketch.fromBytes(shifted).toData(), s.toData());
  assert.equal(QuantileSketch.fromBytes(new QuantileSketch().toBytes()).count, 0);
});

test('only the span of non-zero counts is encoded, and an untrimmed encoding still reads back', () => {
  const s = new QuantileSketch();
  s.add(3);
  s.add(3);
  // zero count, then per side offset, length and counts: one bucket in use on the positive side.
  assert.equal(s.toBytes().byteLength, (5 + 1) * 8);
  const padded = new Float64Array([0, 100, 4, 0, 2, 0, 0, 0, 0]);
  const back = QuantileSketch.fromBytes(new Uint8Array(padded.buffer));
  assert.deepEqual(back.toData(), { p: [[101, 2]], n: [], z: 0 });
  assert.equal(back.toBytes().byteLength, (5 + 1) * 8);
});

test('many sketches encoded into one buffer read back one by one', async () => {
  const { packSketchDeltas, unpackSketches } =
    await import('../../../src/services/metrics/store-flush.js');
  const deltas = [[1, 2, 3], [], [-5, 0, 1e4], [0.25]].map((values, k) => {
    const sketch = new QuantileSketch();
    for (const v of values) sketch.add(v);
    return { series: k + 10, bucket: 60_000 * k, sketch };
  });
  const back = unpackSketches(packSketchDeltas(deltas));
  assert.deepEqual(
    back.map((b) => [b.series, b.bucket, QuantileSketch.fromBytes(b.data).toData()]),
    deltas.map((d) => [d.series, d.bucket, d.sketch.toData()]),
  );
});
