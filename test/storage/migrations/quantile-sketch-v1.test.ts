import assert from 'node:assert/strict';
import { test } from 'node:test';
import { QuantileSketch } from '../../../src/evaluate/metrics/quantile-sketch.js';
import { sketchBytesV1 } from '../../../src/storage/migrations/frozen/quantile-sketch-v1.js';
import { seeded } from '../../../src/domain/random.js';

// Migration 003 wrote sketch bytes with its frozen encoder; the live sketch reads them still.

test('the live sketch reads what the frozen v1 encoder wrote, quantile for quantile', () => {
  const random = seeded(7).next;
  for (let round = 0; round < 50; round++) {
    const live = new QuantileSketch();
    const n = 1 + Math.floor(random() * 400);
    for (let i = 0; i < n; i++) {
      const r = random();
      live.add(r < 0.1 ? 0 : r < 0.2 ? -random() * 50 : random() ** 3 * 10_000);
    }
    const data = live.toData();
    const restored = QuantileSketch.fromBytes(sketchBytesV1(data));
    assert.equal(restored.count, live.count);
    for (const q of [0, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 1])
      assert.equal(restored.quantile(q), live.quantile(q), `round ${round}, q ${q}`);
    assert.deepEqual(restored.toData(), data);
  }
});

test('v1 bytes: repeated buckets add up, zero counts are trimmed, an empty side is two zeros', () => {
  const bytes = sketchBytesV1({
    p: [
      [5, 0],
      [7, 2],
      [9, 1],
      [7, 1],
    ],
    n: [],
    z: 4,
  });
  assert.deepEqual([...new Float64Array(bytes.buffer)], [4, 7, 3, 3, 0, 1, 0, 0]);
  assert.deepEqual(
    [...new Float64Array(sketchBytesV1({ p: [], n: [], z: 0 }).buffer)],
    [0, 0, 0, 0, 0],
  );
});
