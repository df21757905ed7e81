import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DAY, HOUR, MINUTE } from '../../../src/domain/duration.js';
import { SuretyError } from '../../../src/domain/errors.js';
import { maintenanceIntervals } from '../../../src/evaluate/availability/maintenance.js';
import { parseMaintenance } from '../../../src/policy/maintenance-parse.js';
import { monthWindow } from '../../../src/evaluate/availability/month-window.js';
import { availability } from '../../../src/evaluate/availability/uptime.js';

const SH = 'Asia/Shanghai';
const at = Date.parse;
const span = (from: string, to: string) => ({ from: at(from), to: at(to) });
/** The guarantee's C-05 and C-06. */
const targets = { uptimePercent: 99.9, maxUnplannedDowntimeMs: 30 * MINUTE };

function sundays() {
  const p = parseMaintenance('every week on sun 02:00-03:00', SH);
  assert.ok(p.ok);
  return [p.window];
}

describe('calendar months', () => {
  test('a month is local midnight to local midnight', () => {
    assert.deepEqual(
      monthWindow('2026-10', SH),
      span('2026-09-30T16:00:00Z', '2026-10-31T16:00:00Z'),
    );
    // Berlin's October has the fall-back hour: 31 days + 1 h.
    const berlin = monthWindow('2026-10', 'Europe/Berlin');
    assert.equal(berlin.to - berlin.from, 31 * DAY + HOUR);
    assert.throws(() => monthWindow('2026-13', SH), SuretyError);
    assert.throws(() => monthWindow('2026-10', 'Nowhere/Land'), SuretyError);
  });
});

describe('availability over a window', () => {
  test('a month with two outages, one partly inside maintenance', () => {
    const oct = monthWindow('2026-10', SH);
    const a = availability({
      window: oct,
      down: [
        span('2026-10-07T10:00+08:00', '2026-10-07T10:12+08:00'), // 12 min, unplanned
        span('2026-10-18T02:50+08:00', '2026-10-18T03:10+08:00'), // 10 min in Sunday's window, 10 after
      ],
      maintenance: maintenanceIntervals(sundays(), oct),
      targets,
    });
    // total 31 d = 2,678,400,000; maintenance 4 Sundays × 1 h = 14,400,000; measured 2,664,000,000
    assert.equal(a.totalMs, 2_678_400_000);
    assert.equal(a.maintenanceMs, 14_400_000);
    assert.equal(a.measuredMs, 2_664_000_000);
    assert.equal(a.plannedDowntimeMs, 10 * MINUTE); // 600,000
    assert.equal(a.unplannedDowntimeMs, 22 * MINUTE); // 1,320,000
    assert.deepEqual(a.planned, [span('2026-10-18T02:50+08:00', '2026-10-18T03:00+08:00')]);
    assert.deepEqual(a.unplanned, [
      span('2026-10-07T10:00+08:00', '2026-10-07T10:12+08:00'),
      span('2026-10-18T03:00+08:00', '2026-10-18T03:10+08:00'),
    ]);
    // uptime = (2,664,000,000 − 1,320,000) / 2,664,000,000 × 100 = 99.95045045…
    assert.deepEqual(a.uptime, { targetPercent: 99.9, valuePercent: 99.95045045045045, met: true });
    assert.deepEqual(a.downtime, { targetMs: 1_800_000, valueMs: 1_320_000, met: true });
    // allowed = min(floor(2,664,000,000 × 0.001) = 2,664,000, 1,800,000) = 1,800,000; 480,000 left
    assert.deepEqual(a.budget, {
      allowedMs: 1_800_000,
      usedMs: 1_320_000,
      remainingMs: 480_000,
      consumed: 1_320_000 / 1_800_000,
      limitedBy: 'downtime',
      status: 'met',
    });
    assert.equal(a.unmonitoredMs, 0);
  });

  test('uptime exactly at 99.9 % is met, one millisecond more is not', () => {
    const nov = monthWindow('2026-11', SH); // 30 days = 2,592,000,000 ms; 0.1 % = 2,592,000 ms (43.2 min)
    const start = at('2026-11-10T09:00+08:00');
    const run = (downMs: number, maxUnplannedDowntimeMs: number) =>
      availability({
        window: nov,
        down: [{ from: start, to: start + downMs }],
        maintenance: [],
        targets: { uptimePercent: 99.9, maxUnplannedDowntimeMs },
      });

    const exact = run(2_592_000, 30 * MINUTE);
    assert.deepEqual(exact.uptime, { targetPercent: 99.9, valuePercent: 99.9, met: true });
    // …but 43.2 min is over C-06's 30 min, which sets the budget: 1,800,000 − 2,592,000 = −792,000
    assert.deepEqual(exact.downtime, { targetMs: 1_800_000, valueMs: 2_592_000, met: false });
    assert.equal(exact.budget.remainingMs, -792_000);
    assert.equal(exact.budget.status, 'breached');

    // Without a downtime cap the uptime target alone sets the budget: exactly spent, still met.
    const onlyUptime = run(2_592_000, Infinity);
    assert.deepEqual(onlyUptime.budget, {
      allowedMs: 2_592_000,
      usedMs: 2_592_000,
      remainingMs: 0,
      consumed: 1,
      limitedBy: 'uptime',
      status: 'met',
    });

    const over = run(2_592_001, Infinity);
    assert.equal(over.uptime.met, false);
    assert.ok(over.uptime.valuePercent! < 99.9);
    assert.equal(over.budget.remainingMs, -1);
    assert.equal(over.budget.status, 'breached');
  });

  test('30 minutes of unplanned downtime exactly is within C-06', () => {
    const oct = monthWindow('2026-10', SH);
    const start = at('2026-10-20T09:00+08:00');
    const a = availability({
      window: oct,
      down: [{ from: start, to: start + 30 * MINUTE }],
      maintenance: [],
      targets,
    });
    assert.deepEqual([a.downtime.met, a.budget.remainingMs, a.budget.status], [true, 0, 'met']);
    const b = availability({
      window: oct,
      down: [{ from: start, to: start + 30 * MINUTE + 1 }],
      maintenance: [],
      targets,
    });
    assert.deepEqual(
      [b.downtime.met, b.uptime.met, b.budget.remainingMs, b.budget.status],
      [false, true, -1, 'breached'],
    );
  });

  test('an outage across a month boundary is split between the months (Asia/Shanghai)', () => {
    // 31 Oct 23:50 to 1 Nov 00:15 local: 10 min in October, 15 in November.
    const outage = [span('2026-10-31T23:50+08:00', '2026-11-01T00:15+08:00')];
    const oct = availability({
      window: monthWindow('2026-10', SH),
      down: outage,
      maintenance: [],
      targets,
    });
    const nov = availability({
      window: monthWindow('2026-11', SH),
      down: outage,
      maintenance: [],
      targets,
    });
    assert.equal(oct.unplannedDowntimeMs, 10 * MINUTE);
    assert.equal(nov.unplannedDowntimeMs, 15 * MINUTE);
    assert.deepEqual(oct.unplanned, [span('2026-10-31T23:50+08:00', '2026-11-01T00:00+08:00')]);
    assert.deepEqual(nov.unplanned, [span('2026-11-01T00:00+08:00', '2026-11-01T00:15+08:00')]);
    // In UTC the same outage (15:50Z-16:15Z on 31 Oct) lies wholly in October.
    const utcOct = span('2026-10-01T00:00Z', '2026-11-01T00:00Z');
    assert.equal(
      availability({ window: utcOct, down: outage, maintenance: [], targets }).unplannedDowntimeMs,
      25 * MINUTE,
    );
  });

  test('a window all maintenance has no uptime to speak of and breaks nothing', () => {
    const w = span('2026-10-04T02:00+08:00', '2026-10-04T03:00+08:00');
    const a = availability({ window: w, down: [w], maintenance: [w], targets });
    assert.equal(a.measuredMs, 0);
    assert.equal(a.plannedDowntimeMs, HOUR);
    assert.deepEqual(a.uptime, { targetPercent: 99.9, valuePercent: null, met: true });
    assert.deepEqual(a.budget, {
      allowedMs: 0,
      usedMs: 0,
      remainingMs: 0,
      consumed: null,
      limitedBy: 'uptime',
      status: 'met',
    });
  });

  test('unmonitored time counts as up and is reported', () => {
    const oct = monthWindow('2026-10', SH);
    const a = availability({
      window: oct,
      down: [],
      maintenance: [],
      unknown: [span('2026-09-30T23:00+08:00', '2026-10-01T01:00+08:00')],
      targets,
    });
    assert.equal(a.unmonitoredMs, HOUR); // only the hour inside October
    assert.equal(a.uptime.valuePercent, 100);
  });

  test('a 100 % target allows nothing; targets outside (0, 100] are refused', () => {
    const oct = monthWindow('2026-10', SH);
    const strict = { uptimePercent: 100, maxUnplannedDowntimeMs: Infinity };
    const start = at('2026-10-20T09:00+08:00');
    assert.equal(
      availability({ window: oct, down: [], maintenance: [], targets: strict }).budget.status,
      'met',
    );
    const one = availability({
      window: oct,
      down: [{ from: start, to: start + 1 }],
      maintenance: [],
      targets: strict,
    });
    assert.deepEqual(
      [one.uptime.met, one.budget.allowedMs, one.budget.remainingMs, one.budget.consumed],
      [false, 0, -1, null],
    );
    for (const uptimePercent of [0, 100.5, Number.NaN]) {
      assert.throws(
        () =>
          availability({
            window: oct,
            down: [],
            maintenance: [],
            targets: { uptimePercent, maxUnplannedDowntimeMs: 0 },
          }),
        SuretyError,
      );
    }
  });
});
