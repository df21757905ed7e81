import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DetectorBank } from '../../../src/evaluate/detectors/detector-bank.js';
import { SeriesDetector } from '../../../src/evaluate/detectors/series-detector.js';
import { daily, PER_DAY, random, series, START, STEP } from './generated-series.js';

const ALARM = 0.5;

function scoreAll({ t, v }: { t: number[]; v: number[] }): number[] {
  const d = new SeriesDetector();
  return v.map((x, i) => d.score(t[i]!, x));
}

/** Indices in [from, to) whose score is an alarm. */
function alarms(scores: number[], from = 0, to = scores.length): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) if (scores[i]! >= ALARM) out.push(i);
  return out;
}

/** Alarms grouped into events: an alarm within an hour of the previous one is the same event. */
function events(indices: number[]): number[] {
  return indices.filter((i, k) => k === 0 || i - indices[k - 1]! > 12);
}

describe('DetectorBank on generated series', () => {
  test('a spike is an alarm and the top score; the noise around it rarely alarms', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const at = 2 * PER_DAY + 100;
      const scores = scoreAll(series(3 * PER_DAY, (i) => 100 + (i === at ? 12 : 0), seed));
      assert.ok(scores[at]! >= 0.9, `seed ${seed}: spike scored ${scores[at]}`);
      // A new extreme of pure noise is news too, but rare once the range has formed: ≤ 1 a day.
      const noise = events(alarms(scores, PER_DAY).filter((i) => i !== at));
      assert.ok(noise.length <= 2, `seed ${seed}: noise alarms in two days: ${noise}`);
      assert.ok(
        Math.max(...scores.slice(PER_DAY, at), ...scores.slice(at + 1)) < scores[at]!,
        `seed ${seed}: the spike is not the top score`,
      );
    }
  });

  test('a level shift alarms at once, then the new level is normal', () => {
    for (const seed of [1, 2, 3]) {
      const at = 2 * PER_DAY;
      const scores = scoreAll(series(4 * PER_DAY, (i) => 100 + (i >= at ? 10 : 0), seed));
      assert.ok(
        Math.max(...scores.slice(at, at + 3)) >= ALARM,
        `seed ${seed}: shift not flagged within 3 points`,
      );
      assert.deepEqual(
        alarms(scores, at + PER_DAY / 2),
        [],
        `seed ${seed}: the shifted level keeps alarming`,
      );
    }
  });

  test('a slow drift does not alarm forever: the detector adapts', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      // From day 2 the level climbs 10 noise units a day, for six days, without stopping.
      const scores = scoreAll(
        series(
          8 * PER_DAY,
          (i) => 100 + (i >= 2 * PER_DAY ? (i - 2 * PER_DAY) * (10 / PER_DAY) : 0),
          seed,
        ),
      );
      assert.ok(
        alarms(scores, 2 * PER_DAY, 4 * PER_DAY).length >= 3,
        `seed ${seed}: the start of the drift is news`,
      );
      assert.ok(
        events(alarms(scores, 4 * PER_DAY)).length <= 2,
        `seed ${seed}: still alarming in the last four days: ${alarms(scores, 4 * PER_DAY)}`,
      );
    }
  });

  test('a broken daily cycle is an alarm; normal cycles are not, once learnt', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      // Ten days of a daily cycle (50 … 150); on day 8 the peak does not come (08:00–16:00 stays at 50).
      const from = 8 * PER_DAY + 96;
      const to = 8 * PER_DAY + 192;
      const scores = scoreAll(
        series(10 * PER_DAY, (i) => (i >= from && i < to ? 50 : daily(100, 50)(i)), seed),
      );
      assert.deepEqual(alarms(scores, PER_DAY, from), [], `seed ${seed}: normal cycles alarm`);
      assert.ok(
        Math.max(...scores.slice(from, from + 6)) >= ALARM,
        `seed ${seed}: the break is not flagged within 30 minutes`,
      );
    }
  });

  test('a constant series scores 0; its first change is an alarm', () => {
    const d = new SeriesDetector();
    for (let i = 0; i < 1000; i++) assert.equal(d.score(START + i * STEP, 45), 0);
    assert.ok(d.score(START + 1000 * STEP, 46) >= 0.9);
  });

  test('the first points score 0 (warm-up)', () => {
    const scores = scoreAll(series(200, (i) => (i % 7) * 100, 3));
    assert.deepEqual(scores.slice(0, 50), new Array(50).fill(0));
  });

  test('scores stay within [0, 1] for any input, at any scale, with irregular timestamps', () => {
    const u = random(7);
    const bank = new DetectorBank(4);
    const scales = [1e-9, 1, 1e6, 1e15];
    for (let slot = 0; slot < scales.length; slot++) {
      let t = START;
      for (let i = 0; i < 5000; i++) {
        t +=
          u() < 0.05
            ? Math.floor(u() * 3 * 86_400_000)
            : u() < 0.05
              ? -60_000
              : Math.floor(u() * 600_000); // gaps, reversals, jitter
        const v = (u() < 0.01 ? 1000 : 1) * (u() - 0.5) * scales[slot]!;
        const s = bank.score(slot, t, v);
        assert.ok(s >= 0 && s <= 1, `slot ${slot} point ${i}: ${s}`);
      }
    }
    assert.equal(bank.score(0, START, Number.NaN), 0);
    assert.equal(bank.score(0, START, Number.POSITIVE_INFINITY), 0);
  });

  test('deterministic: the same input gives the same scores', () => {
    const data = series(3 * PER_DAY, daily(10, 5), 11);
    assert.deepEqual(scoreAll(data), scoreAll(data));
  });

  test('many series in one bank are independent of each other', () => {
    const n = 50;
    const data = Array.from({ length: n }, (_, k) =>
      series(
        2 * PER_DAY,
        (i) => k * 1000 + (k % 3 === 0 ? daily(0, 20)(i) : 0) + (i === 400 + k ? 30 : 0),
        k + 1,
      ),
    );
    const bank = new DetectorBank(n);
    const together = data.map(() => [] as number[]);
    for (let i = 0; i < 2 * PER_DAY; i++)
      for (let k = 0; k < n; k++) together[k]!.push(bank.score(k, data[k]!.t[i]!, data[k]!.v[i]!));
    for (let k = 0; k < n; k++) assert.deepEqual(together[k], scoreAll(data[k]!), `series ${k}`);
    bank.reset(3);
    assert.equal(bank.score(3, START, 1), 0, 'a reset slot starts again');
  });

  test('state per series is small', () => {
    assert.ok(
      new DetectorBank(1).bytesPerSeries <= 400,
      `${new DetectorBank(1).bytesPerSeries} bytes`,
    );
  });
});
