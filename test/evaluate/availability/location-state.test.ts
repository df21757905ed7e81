import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MINUTE, SECOND } from '../../../src/domain/duration.js';
import { SuretyError } from '../../../src/domain/errors.js';
import {
  type CheckPoint,
  LocationMonitorState,
  downIntervals,
} from '../../../src/evaluate/availability/location-state.js';

const T0 = Date.parse('2026-10-05T08:00:00Z');
const m = (minutes: number) => T0 + minutes * MINUTE;
/** "ok"/"x" per minute from T0: '.' is a success, 'x' a failure, ' ' no check. */
const checks = (pattern: string): CheckPoint[] =>
  [...pattern].flatMap((c, i) => (c === ' ' ? [] : [{ at: m(i), ok: c === '.' }]));

describe('a monitor at one location', () => {
  test('down from the first failure of the run that reached the threshold, up at the next success', () => {
    // minutes: 0 ok, 1 2 3 fail, 4 ok → down [1m, 4m) = 180,000 ms
    assert.deepEqual(downIntervals(checks('.xxx..'), m(6)), [
      { from: m(1), to: m(4), open: false },
    ]);
  });

  test('flapping below failuresBeforeDown is no downtime at all', () => {
    // Single failures between successes never make two in a row.
    assert.deepEqual(downIntervals(checks('.x.x.x.x.'), m(9)), []);
    // With 3 needed, two in a row are not enough either; the third run of three is.
    assert.deepEqual(downIntervals(checks('.xx.xx.xxx.'), m(11), 3), [
      { from: m(7), to: m(10), open: false },
    ]);
  });

  test('with failuresBeforeDown 1 every failure counts, from its own time', () => {
    assert.deepEqual(downIntervals(checks('.x..x.'), m(6), 1), [
      { from: m(1), to: m(2), open: false },
      { from: m(4), to: m(5), open: false },
    ]);
  });

  test('still down at now: the span ends at now and is open', () => {
    const now = m(5) + 30 * SECOND;
    // fail at 1m and 2m, no success since → [1m, 5m30s) open
    assert.deepEqual(downIntervals(checks('.xx x'), now), [{ from: m(1), to: now, open: true }]);
  });

  test('a run not yet at the threshold at now is not down; results after now are ignored', () => {
    assert.deepEqual(downIntervals(checks('..x'), m(2)), []);
    // The second failure at 3m has not happened yet at now = 2m30s.
    assert.deepEqual(downIntervals(checks('..x.x'), m(2) + 30 * SECOND), []);
    assert.deepEqual(downIntervals(checks('.xx.xx'), m(3)), [
      { from: m(1), to: m(3), open: false },
    ]);
  });

  test('the threshold reached exactly at now gives an empty open span', () => {
    assert.deepEqual(downIntervals(checks('..x'), m(2), 1), [{ from: m(2), to: m(2), open: true }]);
  });

  test('failures from the very first result count too', () => {
    assert.deepEqual(downIntervals(checks('xxx.'), m(4)), [{ from: m(0), to: m(3), open: false }]);
  });

  test('the live form emits each transition once, with the backdated start', () => {
    const s = new LocationMonitorState(2);
    assert.deepEqual(s.status, { kind: 'pending' });
    assert.equal(s.observe({ at: m(0), ok: true }), null);
    assert.deepEqual(s.status, { kind: 'up', since: m(0) });
    assert.equal(s.observe({ at: m(1), ok: false }), null);
    assert.deepEqual(s.status, { kind: 'failing', since: m(1), failures: 1 });
    assert.deepEqual(s.observe({ at: m(2), ok: false }), {
      type: 'down',
      at: m(1),
      detectedAt: m(2),
    });
    assert.equal(s.observe({ at: m(3), ok: false }), null); // already down: nothing new
    assert.deepEqual(s.status, { kind: 'down', since: m(1), detectedAt: m(2) });
    assert.deepEqual(s.observe({ at: m(4), ok: true }), { type: 'up', at: m(4), downSince: m(1) });
    assert.equal(s.observe({ at: m(5), ok: true }), null);
    assert.deepEqual(s.status, { kind: 'up', since: m(4) });
  });

  test('results out of time order are refused; a nonsense threshold too', () => {
    const s = new LocationMonitorState();
    s.observe({ at: m(2), ok: true });
    assert.throws(
      () => s.observe({ at: m(1), ok: true }),
      (e: unknown) => e instanceof SuretyError && e.code === 'conflict',
    );
    assert.doesNotThrow(() => s.observe({ at: m(2), ok: false })); // the same instant is fine
    assert.throws(() => new LocationMonitorState(0), SuretyError);
    assert.throws(() => new LocationMonitorState(1.5), SuretyError);
  });
});
