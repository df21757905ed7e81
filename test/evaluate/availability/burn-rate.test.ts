import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DAY, HOUR, MINUTE } from '../../../src/domain/duration.js';
import { SuretyError } from '../../../src/domain/errors.js';
import { BurnAlerts } from '../../../src/evaluate/availability/burn-alerts.js';
import { burnRate, evaluateBurnRules } from '../../../src/evaluate/availability/burn-rate.js';
import { DEFAULT_BURN_RULES } from '../../../src/policy/burn-rules.js';
import type { Interval } from '../../../src/evaluate/availability/intervals.js';

const S = Date.parse('2026-10-07T10:00:00+08:00');
const SLO = 99.9; // budget 0.1 %
/** A full outage of 10 minutes from S, as known at `now` (an ongoing one ends at now). */
const tenMinutes = (now: number): Interval[] => [{ from: S, to: Math.min(now, S + 10 * MINUTE) }];
const firing = (down: Interval[], now: number) =>
  evaluateBurnRules(down, now, SLO)
    .filter((r) => r.firing)
    .map((r) => r.rule.name);

describe('burn rate', () => {
  test('rate = (down in window / window) / (1 − SLO)', () => {
    const now = S + 10 * MINUTE;
    const down = tenMinutes(now);
    // 1 h: 10/60 / 0.001 = 166.67×; 5 m: 5/5 / 0.001 = 1000×; 6 h: 10/360 / 0.001 = 27.78×
    assert.equal(burnRate(down, HOUR, now, SLO), 500 / 3);
    assert.equal(burnRate(down, 5 * MINUTE, now, SLO), 1000);
    assert.equal(burnRate(down, 6 * HOUR, now, SLO), 250 / 9);
    // 3 d: 10 min / 4320 min / 0.001 = 2.3148×
    assert.equal(burnRate(down, 3 * DAY, now, SLO), 125 / 54);
    // Nothing after now counts, nothing before the window either.
    assert.equal(burnRate([{ from: now, to: now + HOUR }], HOUR, now, SLO), 0);
    assert.equal(burnRate(down, 5 * MINUTE, now + 5 * MINUTE, SLO), 0);
  });

  test('a 10-minute full outage: every rule fires, each at its exact threshold', () => {
    const at = (ms: number) => firing(tenMinutes(S + ms), S + ms);
    // page-1h: 1 h window needs > 14.4 × 3,600,000 × 0.001 = 51,840 ms down (the 5 m one > 4,320)
    assert.deepEqual(at(51_840), []);
    assert.deepEqual(at(51_841), ['page-1h']);
    // page-6h: > 6 × 21,600,000 × 0.001 = 129,600 ms in 6 h (30 m: > 10,800)
    assert.deepEqual(at(129_600), ['page-1h']);
    assert.deepEqual(at(129_601), ['page-1h', 'page-6h']);
    // ticket-3d: > 1 × 259,200,000 × 0.001 = 259,200 ms in 3 d (6 h: > 21,600)
    assert.deepEqual(at(259_200), ['page-1h', 'page-6h']);
    assert.deepEqual(at(259_201), ['page-1h', 'page-6h', 'ticket-3d']);

    const [page1h] = evaluateBurnRules(tenMinutes(S + 10 * MINUTE), S + 10 * MINUTE, SLO);
    assert.deepEqual(page1h, {
      rule: DEFAULT_BURN_RULES[0],
      longRate: 500 / 3,
      shortRate: 1000,
      longBurning: true,
      shortBurning: true,
      firing: true,
    });
  });

  test('the live alerts fire once and resolve when the short window cools down', () => {
    const alerts = new BurnAlerts(SLO);
    const step = (ms: number) =>
      alerts.evaluate(tenMinutes(S + ms), S + ms).map((t) => `${t.type} ${t.reading.rule.name}`);
    assert.deepEqual(step(0), []);
    assert.deepEqual(step(51_840), []);
    assert.deepEqual(step(51_841), ['fired page-1h']);
    assert.deepEqual(step(60_000), []); // still firing: no news
    assert.deepEqual(step(129_601), ['fired page-6h']);
    assert.deepEqual(step(259_201), ['fired ticket-3d']);
    assert.deepEqual(alerts.state('page-1h'), { kind: 'firing', since: S + 51_841 });
    assert.deepEqual(step(10 * MINUTE), []); // the outage ends here
    // page-1h: the 5 m window [now − 5 m, now) overlaps the outage by 15 m − (now − S);
    // that drops to 4,320 ms (= 14.4×) at now − S = 900,000 − 4,320 = 895,680.
    assert.deepEqual(step(895_679), []);
    const resolved = alerts.evaluate(tenMinutes(S + 895_680), S + 895_680);
    assert.deepEqual(
      resolved.map((t) => `${t.type} ${t.reading.rule.name}`),
      ['resolved page-1h'],
    );
    // The 1 h window still burns at 166.67×: resolving follows the short window alone.
    assert.equal(resolved[0]!.reading.longBurning, true);
    assert.equal(resolved[0]!.reading.shortRate, 14.4);
    assert.deepEqual(alerts.state('page-1h'), { kind: 'inactive' });
    // page-6h: 30 m overlap = 40 m − (now − S) ≤ 10,800 from 2,400,000 − 10,800 = 2,389,200.
    assert.deepEqual(step(2_389_199), []);
    assert.deepEqual(step(2_389_200), ['resolved page-6h']);
    // ticket-3d: 6 h overlap = 6 h 10 m − (now − S) ≤ 21,600 from 22,200,000 − 21,600 = 22,178,400.
    assert.deepEqual(step(22_178_399), []);
    assert.deepEqual(step(22_178_400), ['resolved ticket-3d']);
    assert.deepEqual(step(3 * DAY), []);
    assert.throws(
      () => alerts.evaluate([], S),
      (e: unknown) => e instanceof SuretyError && e.code === 'conflict',
    );
  });

  test('a slow steady 0.2 % error level fires only the 1× rule, once 3 days of budget are burnt', () => {
    // 600 ms down every 5 minutes = 0.2 % = a 2× burn, for 3.5 days from S.
    const pulses: Interval[] = Array.from({ length: 1008 }, (_, k) => ({
      from: S + k * 5 * MINUTE,
      to: S + k * 5 * MINUTE + 600,
    }));
    // At S + 36 h the 3 d window holds 432 pulses × 600 = 259,200 ms: exactly 1×, not above.
    const at36h = evaluateBurnRules(pulses, S + 36 * HOUR, SLO);
    assert.deepEqual(
      at36h.map((r) => r.firing),
      [false, false, false],
    );
    assert.equal(at36h[2]!.longRate, 1);
    // One millisecond later the 433rd pulse has begun: 259,201 ms.
    const later = evaluateBurnRules(pulses, S + 36 * HOUR + 1, SLO);
    assert.deepEqual(
      later.map((r) => r.firing),
      [false, false, true],
    );
    assert.equal(later[2]!.longRate, 259_201 / 259_200);
    assert.equal(later[2]!.shortRate, 2); // 6 h: 43,200 ms of 21,600,000
    assert.equal(later[0]!.shortRate, 2); // 5 m: always exactly one pulse, 2× < 14.4×

    const alerts = new BurnAlerts(SLO);
    const seen: string[] = [];
    for (let t = S; t <= S + 96 * HOUR; t += 10 * MINUTE) {
      for (const x of alerts.evaluate(pulses, t))
        seen.push(`${x.type} ${x.reading.rule.name} +${(x.at - S) / MINUTE}m`);
    }
    // Fires at the first evaluation above 1×, S + 36 h 10 m (2,170 m), and stays up while the
    // 6 h window burns at 2×. The last pulse starts at 83 h 55 m (k = 1007); the 6 h window holds
    // ≤ 36 pulses (21,600 ms, 1×) once it starts at the 972nd, 81 h: at now = 87 h (5,220 m).
    assert.deepEqual(seen, [
      `fired ticket-3d +${36 * 60 + 10}m`,
      `resolved ticket-3d +${87 * 60}m`,
    ]);
  });

  test('rules and SLOs that make no sense are refused', () => {
    const rule = {
      name: 'x',
      longWindowMs: HOUR,
      shortWindowMs: HOUR,
      factor: 2,
      severity: 'page' as const,
    };
    assert.throws(() => evaluateBurnRules([], S, SLO, [rule]), SuretyError);
    assert.throws(
      () => evaluateBurnRules([], S, SLO, [{ ...rule, shortWindowMs: MINUTE, factor: 0 }]),
      SuretyError,
    );
    assert.throws(() => evaluateBurnRules([], S, 100), SuretyError);
    assert.throws(() => burnRate([], HOUR, S, 100), SuretyError);
  });
});
