import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MINUTE, SECOND } from '../../../src/domain/duration.js';
import { agentSilence } from '../../../src/evaluate/availability/agent-silence.js';
import { evaluateBurnRules } from '../../../src/evaluate/availability/burn-rate.js';
import { type Interval, subtract } from '../../../src/evaluate/availability/intervals.js';
import {
  type CheckPoint,
  downIntervals,
} from '../../../src/evaluate/availability/location-state.js';
import { maintenanceIntervals } from '../../../src/evaluate/availability/maintenance.js';
import { parseMaintenance } from '../../../src/policy/maintenance-parse.js';
import { monthWindow } from '../../../src/evaluate/availability/month-window.js';
import { serviceDown } from '../../../src/evaluate/availability/quorum.js';
import { availability } from '../../../src/evaluate/availability/uptime.js';

/**
 * October 2026 in Asia/Shanghai, from raw checks (one a minute, on the minute, at three
 * locations, failuresBeforeDown 2, quorum 2) to the month's figures: every stage together.
 */
const SH = 'Asia/Shanghai';
const t = (local: string) => Date.parse(`2026-10-${local}+08:00`);
const span = (from: string, to: string): Interval => ({ from: t(from), to: t(to) });
const oct = monthWindow('2026-10', SH);

/** Minutes [from, to) as failing checks. */
function failing(from: string, to: string): number[] {
  const out: number[] = [];
  for (let m = t(from); m < t(to); m += MINUTE) out.push(m);
  return out;
}

function checks(fails: number[], silent: Interval[] = []): CheckPoint[] {
  const bad = new Set(fails);
  const out: CheckPoint[] = [];
  for (let at = oct.from; at < oct.to; at += MINUTE) {
    if (silent.some((s) => at >= s.from && at < s.to)) continue;
    out.push({ at, ok: !bad.has(at) });
  }
  return out;
}

const outage1 = failing('07T10:00', '07T10:12'); // everyone: 12 min
const outage2 = failing('18T02:50', '18T03:10'); // everyone: 20 min, half in Sunday's maintenance
const results = {
  shanghai: checks([...outage1, ...outage2]),
  // Beijing's agent fails its last two checks, then goes quiet 08:01-08:59 on the 22nd.
  beijing: checks(
    [...outage1, ...outage2, ...failing('22T07:59', '22T08:01')],
    [span('22T08:01', '22T09:00')],
  ),
  frankfurt: checks([
    ...outage1,
    ...outage2,
    t('12T09:00'),
    t('12T09:02'),
    t('12T09:04'), // flapping: never two in a row
    ...failing('15T14:00', '15T14:45'), // its own network trouble
  ]),
};

function view(now: number) {
  return serviceDown(
    Object.entries(results).map(([location, rs]) => ({
      location,
      monitors: [downIntervals(rs, now, 2)],
      unknown: agentSilence(
        rs.map((r) => r.at),
        { silentAfterMs: 150 * SECOND, since: oct.from },
        now,
      ).unknown,
    })),
    2,
  );
}

describe('a month of availability from raw checks', () => {
  test('outages, a private outage, a flap and a silent agent, sorted out', () => {
    const v = view(oct.to);
    assert.deepEqual(v.down, [span('07T10:00', '07T10:12'), span('18T02:50', '18T03:10')]);
    // Frankfurt's 45 min alone and Beijing's last minute before its silence: not outages.
    assert.deepEqual(v.partial, [span('15T14:00', '15T14:45'), span('22T07:59', '22T08:00')]);
    assert.deepEqual(v.locationOnly, [
      { location: 'shanghai', intervals: [] },
      { location: 'beijing', intervals: [span('22T07:59', '22T08:00')] },
      { location: 'frankfurt', intervals: [span('15T14:00', '15T14:45')] },
    ]);
    assert.deepEqual(v.degraded, []); // two of three still reported during Beijing's silence
    assert.deepEqual(v.unknown, []);
  });

  test('the month’s figures against C-05 and C-06', () => {
    const sunday = parseMaintenance('every week on sun 02:00-03:00', SH);
    assert.ok(sunday.ok);
    const v = view(oct.to);
    const a = availability({
      window: oct,
      down: v.down,
      maintenance: maintenanceIntervals([sunday.window], oct),
      unknown: v.unknown,
      targets: { uptimePercent: 99.9, maxUnplannedDowntimeMs: 30 * MINUTE },
    });
    // measured = 31 d − 4 h = 2,664,000,000; unplanned = 12 + 10 = 22 min; planned = 10 min
    assert.equal(a.measuredMs, 2_664_000_000);
    assert.equal(a.unplannedDowntimeMs, 1_320_000);
    assert.equal(a.plannedDowntimeMs, 600_000);
    assert.equal(a.uptime.valuePercent, 99.95045045045045);
    assert.deepEqual([a.uptime.met, a.downtime.met], [true, true]);
    assert.deepEqual(
      [a.budget.allowedMs, a.budget.remainingMs, a.budget.status],
      [1_800_000, 480_000, 'met'],
    );
  });

  test('five minutes into the first outage every burn-rate rule fires', () => {
    const now = t('07T10:05');
    const sunday = parseMaintenance('every week on sun 02:00-03:00', SH);
    assert.ok(sunday.ok);
    const unplanned = subtract(view(now).down, maintenanceIntervals([sunday.window], oct));
    // Down from the first failure at 10:00, open at now: 300,000 ms.
    assert.deepEqual(unplanned, [span('07T10:00', '07T10:05')]);
    const readings = evaluateBurnRules(unplanned, now, 99.9);
    // 1 h: 300,000 / 3,600,000 / 0.001 = 83.3×; 5 m: 1000×; 6 h: 13.9×; 30 m: 166.7×; 3 d: 1.16×; 6 h: 13.9×
    assert.deepEqual(
      readings.map((r) => [r.rule.name, r.longRate, r.shortRate, r.firing]),
      [
        ['page-1h', 250 / 3, 1000, true],
        ['page-6h', 125 / 9, 500 / 3, true],
        ['ticket-3d', 125 / 108, 125 / 9, true],
      ],
    );
  });
});
