import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MINUTE, SECOND } from '../../../src/domain/duration.js';
import { SuretyError } from '../../../src/domain/errors.js';
import { agentSilence } from '../../../src/evaluate/availability/agent-silence.js';

const T0 = Date.parse('2026-10-05T08:00:00Z');
const m = (minutes: number) => T0 + minutes * MINUTE;
const everyMinute = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => m(from + i));
const options = { silentAfterMs: 150 * SECOND };

describe('a silent agent', () => {
  test('a gap longer than the limit is unknown from the last report to the next', () => {
    const reports = [...everyMinute(0, 10), ...everyMinute(20, 25)];
    assert.deepEqual(agentSilence(reports, options, m(25)), {
      unknown: [{ from: m(10), to: m(20), open: false }],
      silent: null,
    });
  });

  test('silent at now: an open unknown span, and the alert with when it was noticed', () => {
    const reports = everyMinute(0, 25);
    // last report 25m, now 30m: 5 min > 150 s → unknown [25m, 30m), noticed at 25m + 150 s
    assert.deepEqual(agentSilence(reports, options, m(30)), {
      unknown: [{ from: m(25), to: m(30), open: true }],
      silent: { since: m(25), noticedAt: m(25) + 150 * SECOND },
    });
  });

  test('a gap of exactly the limit is still the normal pace', () => {
    const reports = [m(0), m(0) + 150 * SECOND];
    // 150 s after the last report: not yet silent; 1 ms later it is, from that last report.
    assert.deepEqual(agentSilence(reports, options, m(0) + 300 * SECOND), {
      unknown: [],
      silent: null,
    });
    assert.deepEqual(agentSilence(reports, options, m(0) + 300 * SECOND + 1).unknown, [
      { from: m(0) + 150 * SECOND, to: m(0) + 300 * SECOND + 1, open: true },
    ]);
    // A gap between reports of 150 s is fine, of 150.001 s is not.
    assert.deepEqual(agentSilence([m(0), m(0) + 150 * SECOND + 1], options, m(3)).unknown, [
      { from: m(0), to: m(0) + 150 * SECOND + 1, open: false },
    ]);
  });

  test('an agent expected since a time and never heard from is unknown since then', () => {
    assert.deepEqual(agentSilence([], { ...options, since: m(0) }, m(10)), {
      unknown: [{ from: m(0), to: m(10), open: true }],
      silent: { since: m(0), noticedAt: m(0) + 150 * SECOND },
    });
    assert.deepEqual(agentSilence([m(9)], { ...options, since: m(0) }, m(10)).unknown, [
      { from: m(0), to: m(9), open: false },
    ]);
    // Reports after now have not happened yet.
    assert.deepEqual(agentSilence([m(0), m(12)], options, m(1)), { unknown: [], silent: null });
  });

  test('reports out of order and a non-positive limit are refused', () => {
    assert.throws(
      () => agentSilence([m(2), m(1)], options, m(3)),
      (e: unknown) => e instanceof SuretyError && e.code === 'conflict',
    );
    assert.throws(() => agentSilence([], { silentAfterMs: 0 }, m(3)), SuretyError);
  });
});
