import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HOUR, MINUTE } from '../../../src/domain/duration.js';
import { totalLength } from '../../../src/evaluate/availability/intervals.js';
import { firstReach } from '../../../src/evaluate/availability/local-time.js';
import {
  maintenanceIntervals,
  occurrences,
} from '../../../src/evaluate/availability/maintenance.js';
import type { MaintenanceWindow } from '../../../src/policy/maintenance-window.js';
import { parseMaintenance } from '../../../src/policy/maintenance-parse.js';
import { monthWindow } from '../../../src/evaluate/availability/month-window.js';

const SH = 'Asia/Shanghai';
const at = Date.parse;
const span = (from: string, to: string) => ({ from: at(from), to: at(to) });

function window(text: string, zone = SH): MaintenanceWindow {
  const p = parseMaintenance(text, zone);
  if (!p.ok) throw new Error(p.problems.join('; '));
  return p.window;
}
function problems(text: string): readonly string[] {
  const p = parseMaintenance(text, SH);
  assert.equal(p.ok, false, `"${text}" should not parse`);
  return p.ok ? [] : p.problems;
}

describe('maintenance windows: the syntax', () => {
  test('recurring windows as people write them', () => {
    assert.deepEqual(window('every day 03:00-03:30'), {
      kind: 'recurring',
      every: 'day',
      start: 180,
      end: 210,
      timezone: SH,
    });
    assert.deepEqual(window('Every Week on Sun 02:00 - 03:00 in Europe/Berlin'), {
      kind: 'recurring',
      every: 'week',
      weekdays: [7],
      start: 120,
      end: 180,
      timezone: 'Europe/Berlin',
    });
    assert.deepEqual(window('every week on mon-fri 23:30-00:30'), {
      kind: 'recurring',
      every: 'week',
      weekdays: [1, 2, 3, 4, 5],
      start: 1410,
      end: 30,
      timezone: SH,
    });
    assert.deepEqual(window('every month on day 1, 15, last 00:00-01:00'), {
      kind: 'recurring',
      every: 'month',
      monthDays: [1, 15, 'last'],
      start: 0,
      end: 60,
      timezone: SH,
    });
    assert.deepEqual(window('every day 00:00-24:00'), {
      kind: 'recurring',
      every: 'day',
      start: 0,
      end: 1440,
      timezone: SH,
    });
  });

  test('a one-off window: two instants with their offsets', () => {
    assert.deepEqual(window('2026-10-10T02:00+08:00/2026-10-10T04:00+08:00'), {
      kind: 'once',
      from: at('2026-10-09T18:00:00Z'),
      to: at('2026-10-09T20:00:00Z'),
    });
  });

  test('bad specs come back as problems, every one of them', () => {
    assert.match(problems('every fortnight 02:00-03:00')[0]!, /"fortnight" is not a period/);
    assert.match(problems('every day 25:00-26:00')[0]!, /does not exist/);
    assert.match(problems('every day 03:60-04:00')[0]!, /does not exist/);
    assert.match(problems('every day 03:00-03:00')[0]!, /is empty/);
    assert.match(problems('every day 3am-4am')[0]!, /not a time range/);
    assert.match(problems('every day on mon 03:00-04:00')[0]!, /takes no "on mon"/);
    assert.match(problems('every week 02:00-03:00')[0]!, /which days\?/);
    assert.match(
      problems('every month on day 32 02:00-03:00')[0]!,
      /"32" is not a day of the month/,
    );
    assert.match(problems('every month on 1 02:00-03:00')[0]!, /which days of the month/);
    const two = problems('every week on funday 02:00-03:00 in Mars/Olympus');
    assert.equal(two.length, 2);
    assert.match(two[0]!, /"funday" is not a weekday/);
    assert.match(two[1]!, /"Mars\/Olympus" is not a time zone/);
    assert.match(
      problems('2026-10-10T04:00+08:00/2026-10-10T02:00+08:00')[0]!,
      /ends before it starts/,
    );
    assert.match(problems('2026-10-10T04:00/2026-10-10T05:00+08:00')[0]!, /with an offset/);
    assert.match(problems('sometimes')[0]!, /is not a maintenance window/);
  });
});

describe('maintenance windows: expanded into time', () => {
  test('every day 03:00-03:30 in Shanghai over October 2026: 31 half-hours', () => {
    const oct = monthWindow('2026-10', SH);
    const occ = occurrences(window('every day 03:00-03:30'), oct);
    assert.equal(occ.length, 31);
    assert.deepEqual(occ[0], span('2026-10-01T03:00+08:00', '2026-10-01T03:30+08:00'));
    assert.deepEqual(occ[30], span('2026-10-31T03:00+08:00', '2026-10-31T03:30+08:00'));
    assert.equal(totalLength(occ), 31 * 30 * MINUTE); // 55,800,000
  });

  test('weekly Sunday 02:00-03:00 in Berlin: the spring-forward Sunday has no such hour', () => {
    const sunday = window('every week on sun 02:00-03:00 in Europe/Berlin');
    // Sundays of March 2026: 1, 8, 15, 22 (CET, +01:00) and 29, when 02:00 jumps to 03:00.
    const occ = occurrences(sunday, monthWindow('2026-03', 'Europe/Berlin'));
    assert.deepEqual(occ, [
      span('2026-03-01T01:00Z', '2026-03-01T02:00Z'),
      span('2026-03-08T01:00Z', '2026-03-08T02:00Z'),
      span('2026-03-15T01:00Z', '2026-03-15T02:00Z'),
      span('2026-03-22T01:00Z', '2026-03-22T02:00Z'),
    ]);
    assert.equal(totalLength(occ), 4 * HOUR);
  });

  test('weekly Sunday 02:00-03:00 in Berlin: the fall-back Sunday has it twice, two real hours', () => {
    const sunday = window('every week on sun 02:00-03:00 in Europe/Berlin');
    // October 2026: 4, 11, 18 in CEST (+02:00) → 00:00Z-01:00Z; on the 25th the clock reads
    // 02:00 first at 00:00Z (CEST), goes back at 01:00Z, and reaches 03:00 (CET) at 02:00Z.
    const occ = occurrences(sunday, monthWindow('2026-10', 'Europe/Berlin'));
    assert.deepEqual(occ, [
      span('2026-10-04T00:00Z', '2026-10-04T01:00Z'),
      span('2026-10-11T00:00Z', '2026-10-11T01:00Z'),
      span('2026-10-18T00:00Z', '2026-10-18T01:00Z'),
      span('2026-10-25T00:00Z', '2026-10-25T02:00Z'),
    ]);
    assert.equal(totalLength(occ), 5 * HOUR);
  });

  test('windows partly in the skipped or repeated hour', () => {
    const berlin = 'Europe/Berlin';
    // 01:30-02:30 on 29 March: 01:30 CET = 00:30Z; 02:30 does not exist, the clock passes it at 03:00 CEST = 01:00Z.
    assert.deepEqual(
      occurrences(
        window('every week on sun 01:30-02:30', berlin),
        span('2026-03-29T00:00Z', '2026-03-30T00:00Z'),
      ),
      [span('2026-03-29T00:30Z', '2026-03-29T01:00Z')],
    );
    // 02:30-03:30 on 25 October: first 02:30 is CEST = 00:30Z; 03:30 comes once, CET = 02:30Z.
    assert.deepEqual(
      occurrences(
        window('every week on sun 02:30-03:30', berlin),
        span('2026-10-25T00:00Z', '2026-10-26T00:00Z'),
      ),
      [span('2026-10-25T00:30Z', '2026-10-25T02:30Z')],
    );
    assert.equal(firstReach(2026, 3, 29, 150, berlin), at('2026-03-29T01:00Z'));
    assert.equal(firstReach(2026, 10, 25, 150, berlin), at('2026-10-25T00:30Z'));
    assert.equal(firstReach(2026, 10, 25, 180, berlin), at('2026-10-25T02:00Z'));
    assert.equal(firstReach(2026, 10, 25, 1440, berlin), at('2026-10-25T23:00Z'));
    assert.equal(firstReach(2026, 10, 5, 120, SH), at('2026-10-04T18:00Z'));
  });

  test('a window across midnight, including one that began the day before the range', () => {
    const w = window('every week on sat 23:30-00:30');
    // Range: Sunday 4 Oct 00:00 to Sunday 11 Oct 00:00, Shanghai.
    assert.deepEqual(occurrences(w, span('2026-10-04T00:00+08:00', '2026-10-11T00:00+08:00')), [
      span('2026-10-04T00:00+08:00', '2026-10-04T00:30+08:00'), // Saturday 3rd's window, clipped
      span('2026-10-10T23:30+08:00', '2026-10-11T00:00+08:00'), // Saturday 10th's, clipped
    ]);
  });

  test('monthly: day 31 only where it exists, last always', () => {
    const w = window('every month on day 31,last 01:00-02:00');
    // Sep has 30 days (last = 30), Oct 31 is both, Nov last = 30.
    assert.deepEqual(occurrences(w, span('2026-09-01T00:00+08:00', '2026-12-01T00:00+08:00')), [
      span('2026-09-30T01:00+08:00', '2026-09-30T02:00+08:00'),
      span('2026-10-31T01:00+08:00', '2026-10-31T02:00+08:00'),
      span('2026-11-30T01:00+08:00', '2026-11-30T02:00+08:00'),
    ]);
  });

  test('only occurrences declared before they began are planned; a retired window stops', () => {
    const weekly = window('every week on sun 02:00-03:00');
    const oct = monthWindow('2026-10', SH);
    // Declared 11 Oct 02:30, in the middle of that Sunday's window: the 11th is not planned.
    const declared = {
      ...weekly,
      declaredAt: at('2026-10-11T02:30+08:00'),
      until: at('2026-10-25T02:00+08:00'),
    };
    assert.deepEqual(occurrences(declared, oct), [
      span('2026-10-18T02:00+08:00', '2026-10-18T03:00+08:00'),
    ]);
    const late = {
      kind: 'once' as const,
      from: at('2026-10-07T10:00+08:00'),
      to: at('2026-10-07T11:00+08:00'),
      declaredAt: at('2026-10-07T10:05+08:00'),
    };
    assert.deepEqual(occurrences(late, oct), []);
  });

  test('a hand-built window in a zone that does not exist is refused', () => {
    const bad: MaintenanceWindow = {
      kind: 'recurring',
      every: 'day',
      start: 0,
      end: 60,
      timezone: 'Mars/Olympus',
    };
    assert.throws(() => occurrences(bad, monthWindow('2026-10', SH)), /not a time zone/);
  });

  test('several windows merge; a one-off is clipped to the range', () => {
    const oct = monthWindow('2026-10', SH);
    const windows = [
      window('every week on sun 02:00-03:00'),
      window('2026-10-18T01:00+08:00/2026-10-18T02:30+08:00'),
      window('2026-09-30T23:00+08:00/2026-10-01T01:00+08:00'),
    ];
    assert.deepEqual(maintenanceIntervals(windows, oct), [
      span('2026-10-01T00:00+08:00', '2026-10-01T01:00+08:00'),
      span('2026-10-04T02:00+08:00', '2026-10-04T03:00+08:00'),
      span('2026-10-11T02:00+08:00', '2026-10-11T03:00+08:00'),
      span('2026-10-18T01:00+08:00', '2026-10-18T03:00+08:00'),
      span('2026-10-25T02:00+08:00', '2026-10-25T03:00+08:00'),
    ]);
  });
});
