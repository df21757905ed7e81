import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  alwaysOpen,
  expandDates,
  parseHours,
  parseWeekdays,
  workingHoursCalendar,
  type DayRanges,
} from '../../src/policy/calendar.js';
import { HOUR, MINUTE } from '../../src/domain/duration.js';
import { at } from '../helpers/policy.js';
import { seeded } from '../../src/domain/random.js';

function calendar(
  timezone: string,
  hours: Record<string, string>,
  options: { holidays?: string[]; extra?: Record<string, string> } = {},
) {
  const weekly: DayRanges[] = [[], [], [], [], [], [], [], []];
  for (const [days, spec] of Object.entries(hours)) {
    const ranges = parseHours(spec) as DayRanges;
    for (const d of parseWeekdays(days) as number[]) weekly[d] = ranges;
  }
  const holidays = new Set((options.holidays ?? []).flatMap((h) => expandDates(h) as string[]));
  const extra = new Map(
    Object.entries(options.extra ?? {}).map(([d, h]) => [d, parseHours(h) as DayRanges]),
  );
  return workingHoursCalendar({
    name: 'test',
    timezone,
    weekly,
    holidays,
    extraWorkingDays: extra,
  });
}

describe('24x7 calendar', () => {
  test('counts every millisecond', () => {
    assert.equal(
      alwaysOpen.elapsed(at('2026-10-05T00:00:00Z'), at('2026-10-05T00:15:00Z')),
      15 * MINUTE,
    );
    assert.equal(
      alwaysOpen.add(at('2026-10-05T23:50:00Z'), 15 * MINUTE),
      at('2026-10-06T00:05:00Z'),
    );
    assert.equal(alwaysOpen.elapsed(at('2026-10-05T01:00:00Z'), at('2026-10-05T00:00:00Z')), 0);
  });
});

describe('working hours in Europe/Berlin', () => {
  const office = calendar('Europe/Berlin', { 'mon-fri': '09:00-17:00' });

  test('a deadline that runs past closing continues next working morning', () => {
    // Friday 2026-10-02 16:00 CEST (14:00Z) + 2 h of office time = Monday 10:00 CEST.
    assert.equal(office.add(at('2026-10-02T14:00:00Z'), 2 * HOUR), at('2026-10-05T08:00:00Z'));
  });

  test('a deadline landing exactly at closing time is at closing, not next morning', () => {
    assert.equal(office.add(at('2026-10-05T14:00:00Z'), 1 * HOUR), at('2026-10-05T15:00:00Z'));
  });

  test('time outside the hours does not count', () => {
    // Friday 18:00 CEST to Monday 08:00 CEST: the weekend and both nights are closed.
    assert.equal(office.elapsed(at('2026-10-02T16:00:00Z'), at('2026-10-05T06:00:00Z')), 0);
    // A ticket opened Saturday starts counting Monday 09:00.
    assert.equal(office.add(at('2026-10-03T10:00:00Z'), 30 * MINUTE), at('2026-10-05T07:30:00Z'));
  });

  test('the autumn DST change: Monday 09:00 is 08:00Z after the clocks go back', () => {
    // Friday 2026-10-23 16:00 CEST (UTC+2) = 14:00Z; +2 h → Monday 2026-10-26 10:00 CET (UTC+1) = 09:00Z.
    assert.equal(office.add(at('2026-10-23T14:00:00Z'), 2 * HOUR), at('2026-10-26T09:00:00Z'));
    assert.equal(office.elapsed(at('2026-10-23T14:00:00Z'), at('2026-10-26T09:00:00Z')), 2 * HOUR);
  });

  test('the spring DST change keeps an 8-hour working day', () => {
    // Monday 2026-03-30, the day after clocks went forward: 09:00-17:00 CEST = 07:00-15:00Z.
    assert.equal(office.elapsed(at('2026-03-30T00:00:00Z'), at('2026-03-31T00:00:00Z')), 8 * HOUR);
    // Friday 16:30 CET (UTC+1) leaves 30 min; Monday opens 09:00 CEST (UTC+2) = 07:00Z, +30 min.
    assert.equal(office.add(at('2026-03-27T15:30:00Z'), 1 * HOUR), at('2026-03-30T07:30:00Z'));
  });

  test('a day open around the clock has 23 h and 25 h on the DST days', () => {
    const always = calendar('Europe/Berlin', { 'mon-sun': '00:00-24:00' });
    assert.equal(always.elapsed(at('2026-03-28T23:00:00Z'), at('2026-03-29T22:00:00Z')), 23 * HOUR);
    assert.equal(always.elapsed(at('2026-10-24T22:00:00Z'), at('2026-10-25T23:00:00Z')), 25 * HOUR);
  });

  test('an opening time skipped by the spring jump opens when the clocks resume', () => {
    // 02:30 does not exist on 2026-03-29 in Berlin; the range 02:30-04:00 opens at 03:30 CEST.
    const night = calendar('Europe/Berlin', { sun: '02:30-04:00' });
    assert.equal(
      night.elapsed(at('2026-03-28T12:00:00Z'), at('2026-03-29T12:00:00Z')),
      30 * MINUTE,
    );
  });
});

describe('working hours in Asia/Shanghai (no DST) with holidays and make-up days', () => {
  const office = calendar(
    'Asia/Shanghai',
    { 'mon-fri': '09:00-12:00, 13:00-18:00' },
    { holidays: ['2026-10-01..2026-10-07'], extra: { '2026-10-10': '09:00-12:00, 13:00-18:00' } },
  );

  test('the lunch break does not count', () => {
    // Monday 2026-09-28 11:30 CST (03:30Z) + 1 h → 13:30 CST (05:30Z).
    assert.equal(office.add(at('2026-09-28T03:30:00Z'), 1 * HOUR), at('2026-09-28T05:30:00Z'));
  });

  test('holidays are skipped and a make-up Saturday is worked', () => {
    // Wednesday 2026-09-30 17:00 CST + 2 h: 1 h that day, the National Day week is closed,
    // Thursday 2026-10-08 09:00 + 1 h = 10:00 CST = 02:00Z.
    assert.equal(office.add(at('2026-09-30T09:00:00Z'), 2 * HOUR), at('2026-10-08T02:00:00Z'));
    // Saturday 2026-10-10 is a working day: 8 h open.
    assert.equal(office.elapsed(at('2026-10-09T16:00:00Z'), at('2026-10-10T16:00:00Z')), 8 * HOUR);
    // An ordinary Saturday is not.
    assert.equal(office.elapsed(at('2026-10-16T16:00:00Z'), at('2026-10-17T16:00:00Z')), 0);
  });

  test('add and elapsed agree for any start and amount', () => {
    const rand = seeded(7).next;
    for (let i = 0; i < 300; i++) {
      const from =
        at('2026-09-01T00:00:00Z') +
        Math.floor(rand() * 90 * 24) * HOUR +
        Math.floor(rand() * HOUR);
      const amount = Math.floor(rand() * 100 * HOUR);
      const due = office.add(from, amount);
      assert.equal(
        office.elapsed(from, due),
        amount,
        `from ${new Date(from).toISOString()} + ${amount}`,
      );
      // The earliest such instant: a millisecond earlier, not enough time has passed.
      if (amount > 0) assert.ok(office.elapsed(from, due - 1) < amount);
    }
  });
});

describe('calendar syntax', () => {
  test('weekday specs', () => {
    assert.deepEqual(parseWeekdays('mon-fri'), [1, 2, 3, 4, 5]);
    assert.deepEqual(parseWeekdays('sat,sun'), [6, 7]);
    assert.match(parseWeekdays('fri-mon') as string, /backwards/);
    assert.match(parseWeekdays('mon-fry') as string, /not a weekday/);
  });
  test('hours specs', () => {
    assert.deepEqual(parseHours('09:00-12:00, 13:00-18:00'), [
      [540, 720],
      [780, 1080],
    ]);
    assert.deepEqual(parseHours('00:00-24:00'), [[0, 1440]]);
    assert.match(parseHours('17:00-09:00') as string, /ends before it starts/);
    assert.match(parseHours('09:00-13:00, 12:00-14:00') as string, /overlapping/);
    assert.match(parseHours('9am-5pm') as string, /not a time range/);
    assert.match(parseHours('09:00-25:00') as string, /does not exist/);
  });
  test('date ranges', () => {
    assert.deepEqual(expandDates('2026-12-31..2027-01-02'), [
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
    assert.match(expandDates('2026-02-30') as string, /not a real date/);
    assert.match(expandDates('2026-10-07..2026-10-01') as string, /ends before/);
  });
});
