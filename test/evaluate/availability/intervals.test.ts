import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type Interval,
  clip,
  complement,
  intersect,
  normalise,
  subtract,
  totalLength,
  union,
  where,
} from '../../../src/evaluate/availability/intervals.js';
import { seeded } from '../../../src/domain/random.js';

const iv = (...pairs: Array<[number, number]>): Interval[] =>
  pairs.map(([from, to]) => ({ from, to }));

describe('interval arithmetic', () => {
  test('normalise sorts, drops empty and backwards spans, merges overlapping and touching ones', () => {
    assert.deepEqual(
      normalise(iv([10, 11], [5, 9], [0, 5], [12, 12], [20, 15], [3, 4])),
      iv([0, 9], [10, 11]),
    );
    assert.deepEqual(normalise([]), []);
  });

  test('union of several lists', () => {
    assert.deepEqual(
      union(iv([0, 10], [20, 30]), iv([5, 25]), iv([40, 41])),
      iv([0, 30], [40, 41]),
    );
  });

  test('intersect', () => {
    // [0,10)∩[5,25) = [5,10); [20,30)∩[5,25) = [20,25); [20,30)∩[28,40) = [28,30)
    assert.deepEqual(
      intersect(iv([0, 10], [20, 30]), iv([5, 25], [28, 40])),
      iv([5, 10], [20, 25], [28, 30]),
    );
    assert.deepEqual(intersect(iv([0, 10]), iv([10, 20])), []);
  });

  test('subtract', () => {
    assert.deepEqual(
      subtract(iv([0, 100]), iv([10, 20], [30, 40], [90, 110])),
      iv([0, 10], [20, 30], [40, 90]),
    );
    assert.deepEqual(subtract(iv([10, 20]), iv([0, 15])), iv([15, 20]));
    // One subtrahend reaching into two spans.
    assert.deepEqual(subtract(iv([0, 10], [12, 20]), iv([5, 15])), iv([0, 5], [15, 20]));
    assert.deepEqual(subtract(iv([0, 10]), iv([0, 10])), []);
  });

  test('clip, complement and total length', () => {
    assert.deepEqual(clip(iv([-5, 5], [8, 20]), { from: 0, to: 10 }), iv([0, 5], [8, 10]));
    assert.deepEqual(
      complement(iv([2, 4], [6, 8]), { from: 0, to: 10 }),
      iv([0, 2], [4, 6], [8, 10]),
    );
    // Overlaps count once: [0,10) ∪ [5,15) = [0,15).
    assert.equal(totalLength(iv([0, 10], [5, 15])), 15);
  });

  test('where: the times at least two of three lists cover', () => {
    const a = iv([0, 10]);
    const b = iv([5, 15]);
    const c = iv([8, 20], [30, 40]);
    const two = where([a, b, c], (cov) => cov.filter(Boolean).length >= 2);
    // [5,8) a+b, [8,10) a+b+c, [10,15) b+c → one merged span [5,15)
    assert.deepEqual(two, iv([5, 15]));
    assert.deepEqual(
      where([a, b, c], (cov) => cov.filter(Boolean).length === 1),
      iv([0, 5], [15, 20], [30, 40]),
    );
    // `within` adds its bounds, so uncovered time inside it can be selected.
    assert.deepEqual(
      where([a], (cov) => !cov[0], { from: -5, to: 12 }),
      iv([-5, 0], [10, 12]),
    );
  });

  test('agrees with a millisecond-by-millisecond count on random inputs', () => {
    const random = seeded(42);
    const rnd = (n: number) => Math.floor(random.next() * n);
    const randomList = () =>
      Array.from({ length: rnd(6) }, () => {
        const from = rnd(100);
        return { from, to: from + rnd(30) - 3 }; // some empty or backwards
      });
    const bits = (l: Interval[]) =>
      Array.from({ length: 140 }, (_, t) => l.some((i) => i.from <= t && t < i.to));
    const fromBits = (b: boolean[]) =>
      normalise(b.flatMap((on, t) => (on ? [{ from: t, to: t + 1 }] : [])));
    for (let round = 0; round < 500; round++) {
      const x = randomList();
      const y = randomList();
      const bx = bits(x);
      const by = bits(y);
      assert.deepEqual(union(x, y), fromBits(bx.map((v, t) => v || by[t]!)));
      assert.deepEqual(intersect(x, y), fromBits(bx.map((v, t) => v && by[t]!)));
      assert.deepEqual(subtract(x, y), fromBits(bx.map((v, t) => v && !by[t]!)));
      assert.equal(totalLength(x), bx.filter(Boolean).length);
      assert.deepEqual(
        where([x, y], (c) => c[0] !== c[1]),
        fromBits(bx.map((v, t) => v !== by[t]!)),
      );
    }
  });
});
