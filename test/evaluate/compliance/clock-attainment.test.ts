import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  clockAttainment,
  CLOSED_WITHOUT_SOLUTION,
  type SettledClock,
} from '../../../src/evaluate/compliance/clock-attainment.js';

const row = (ticketId: number, state: string, extra: Partial<SettledClock> = {}): SettledClock => ({
  ticketId,
  customer: 'acme',
  state,
  dueAt: 1000,
  stoppedAt: 500,
  breachedAt: null,
  ...extra,
});

describe('clock attainment', () => {
  test('cancelled clocks are left out of value and sample, and counted beside them', () => {
    const o = clockAttainment(
      [
        row(1, 'met'),
        row(2, 'met'),
        row(3, 'breached', { breachedAt: 1000, stoppedAt: 2000 }),
        row(4, 'cancelled', { stoppedAt: 700 }),
        row(5, 'cancelled', { stoppedAt: 800 }),
      ],
      0.5,
    );
    assert.equal(o.sample, 3);
    assert.equal(o.breaches, 1);
    assert.equal(o.value, 66.667);
    assert.equal(o.met, true);
    assert.deepEqual(
      o.cancelled?.map((c) => [c.ticket, c.stoppedAt]),
      [
        [4, 700],
        [5, 800],
      ],
    );
    assert.deepEqual(
      o.evidence.map((e) => e.ticket),
      [3],
    );
    assert.equal(o.evidence[0]!.reason, undefined);
  });

  test('only cancelled clocks: nothing measured, so neither met nor breached', () => {
    const o = clockAttainment([row(1, 'cancelled'), row(2, 'cancelled')], 1);
    assert.equal(o.sample, 0);
    assert.equal(o.value, null);
    assert.equal(o.met, null);
    assert.equal(o.cancelled?.length, 2);
  });

  test('a breach at the close (closedWithoutSolution: breach) says why', () => {
    const o = clockAttainment([row(1, 'breached', { breachedAt: 600, stoppedAt: 600 })], 1);
    assert.equal(o.met, false);
    assert.equal(o.evidence[0]!.reason, CLOSED_WITHOUT_SOLUTION);
  });
});
