import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SuretyError } from '../../../src/domain/errors.js';
import type { Interval } from '../../../src/evaluate/availability/intervals.js';
import { defaultQuorum, serviceDown } from '../../../src/evaluate/availability/quorum.js';

/** Local times of 2026-10-05 in Asia/Shanghai, "10:02" → epoch ms. */
const t = (hhmm: string) => Date.parse(`2026-10-05T${hhmm}:00+08:00`);
const span = (from: string, to: string): Interval => ({ from: t(from), to: t(to) });

describe('the quorum of locations', () => {
  test('majority by default', () => {
    assert.deepEqual([1, 2, 3, 4, 5].map(defaultQuorum), [1, 2, 2, 3, 3]);
  });

  test('3 locations, quorum 2: the outage is when two see it; the edges are each location’s own', () => {
    const v = serviceDown([
      { location: 'shanghai', monitors: [[span('10:00', '10:20')]] },
      { location: 'beijing', monitors: [[span('10:01', '10:19')]] },
      { location: 'frankfurt', monitors: [[span('10:02', '10:25')]] },
    ]);
    // Locations seeing it down: 10:00 1, 10:01 2, 10:02 3, 10:19 2, 10:20 1, 10:25 0.
    assert.equal(v.quorum, 2);
    assert.deepEqual(v.down, [span('10:01', '10:20')]);
    assert.deepEqual(v.partial, [span('10:00', '10:01'), span('10:20', '10:25')]);
    assert.deepEqual(v.locationOnly, [
      { location: 'shanghai', intervals: [span('10:00', '10:01')] },
      { location: 'beijing', intervals: [] },
      { location: 'frankfurt', intervals: [span('10:20', '10:25')] },
    ]);
    assert.deepEqual(v.degraded, []);
    assert.deepEqual(v.unknown, []);
  });

  test('one location’s private outage is reported as its own trouble, not counted', () => {
    const v = serviceDown([
      { location: 'shanghai', monitors: [[]] },
      { location: 'beijing', monitors: [[]] },
      { location: 'frankfurt', monitors: [[span('14:00', '14:45')]] },
    ]);
    assert.deepEqual(v.down, []);
    assert.deepEqual(v.partial, [span('14:00', '14:45')]);
    assert.deepEqual(v.locationOnly[2], {
      location: 'frankfurt',
      intervals: [span('14:00', '14:45')],
    });
  });

  test('a location sees the service down while any of its monitors is down there', () => {
    const v = serviceDown([
      // HTTP down 09:00-09:10, DNS down 09:05-09:20 → the location sees 09:00-09:20
      { location: 'shanghai', monitors: [[span('09:00', '09:10')], [span('09:05', '09:20')]] },
      { location: 'beijing', monitors: [[], [span('09:15', '09:30')]] },
    ]);
    // 2 locations → quorum 2: both see it down 09:15-09:20 only.
    assert.deepEqual(v.down, [span('09:15', '09:20')]);
    assert.deepEqual(v.locationOnly, [
      { location: 'shanghai', intervals: [span('09:00', '09:15')] },
      { location: 'beijing', intervals: [span('09:20', '09:30')] },
    ]);
  });

  test('a silent agent votes neither way, and what it last saw stops counting', () => {
    const v = serviceDown([
      { location: 'shanghai', monitors: [[span('12:10', '12:15')]] },
      { location: 'beijing', monitors: [[span('12:10', '12:15')]] },
      // Frankfurt last saw it down at 11:58, then went silent 12:00-13:00: its open span is cut there.
      {
        location: 'frankfurt',
        monitors: [[span('11:58', '13:00')]],
        unknown: [span('12:00', '13:00')],
      },
    ]);
    // During the silence 2 locations report: needed = min(2, 2) = 2, both see 12:10-12:15.
    assert.deepEqual(v.down, [span('12:10', '12:15')]);
    assert.deepEqual(v.partial, [span('11:58', '12:00')]);
    assert.deepEqual(v.locationOnly[2], {
      location: 'frankfurt',
      intervals: [span('11:58', '12:00')],
    });
    assert.deepEqual(v.degraded, []);
  });

  test('with fewer locations reporting than the quorum, those reporting decide, and it says so', () => {
    const v = serviceDown([
      { location: 'shanghai', monitors: [[span('12:32', '12:35')]] },
      { location: 'beijing', monitors: [[]], unknown: [span('12:30', '12:40')] },
      {
        location: 'frankfurt',
        monitors: [[span('12:00', '13:00')]],
        unknown: [span('12:20', '12:50')],
      },
    ]);
    // 12:30-12:40 only Shanghai reports: needed = min(2, 1) = 1 → its 12:32-12:35 is an outage.
    assert.deepEqual(v.down, [span('12:32', '12:35')]);
    // Frankfurt alone sees 12:00-12:20 and 12:50-13:00 while 2 or 3 report: its own trouble.
    assert.deepEqual(v.partial, [span('12:00', '12:20'), span('12:50', '13:00')]);
    assert.deepEqual(v.degraded, [span('12:30', '12:40')]);
    assert.deepEqual(v.unknown, []);
  });

  test('nobody reporting is unknown, never down', () => {
    const v = serviceDown([
      {
        location: 'shanghai',
        monitors: [[span('08:00', '09:00')]],
        unknown: [span('08:00', '09:00')],
      },
      {
        location: 'beijing',
        monitors: [[span('08:00', '09:00')]],
        unknown: [span('08:30', '09:30')],
      },
    ]);
    // 08:00-08:30 only Beijing reports, and sees it down: needed = min(2, 1) = 1 → down, degraded.
    // 08:30-09:00 neither reports: unknown, whatever their last results said.
    assert.deepEqual(v.down, [span('08:00', '08:30')]);
    assert.deepEqual(v.degraded, [span('08:00', '08:30'), span('09:00', '09:30')]);
    assert.deepEqual(v.unknown, [span('08:30', '09:00')]);
    assert.deepEqual(v.partial, []);
  });

  test('a single location is its own quorum', () => {
    const v = serviceDown([{ location: 'shanghai', monitors: [[span('08:00', '08:07')]] }]);
    assert.equal(v.quorum, 1);
    assert.deepEqual(v.down, [span('08:00', '08:07')]);
    assert.deepEqual(v.partial, []);
  });

  test('a quorum outside 1 … locations is refused', () => {
    const locs = [
      { location: 'a', monitors: [] },
      { location: 'b', monitors: [] },
    ];
    assert.throws(() => serviceDown(locs, 3), SuretyError);
    assert.throws(() => serviceDown(locs, 0), SuretyError);
    assert.throws(() => serviceDown([], 1), SuretyError);
    assert.equal(serviceDown(locs, 1).quorum, 1);
  });
});
