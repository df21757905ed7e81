// Where a month stands, and which policy version governs an instant: pure functions.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DAY } from '../../../src/domain/duration.js';
import { monthStatus, monthsBetween } from '../../../src/services/months/status.js';
import { policyTerms } from '../../../src/services/policy/terms.js';
import type { StoredMonthEvent } from '../../../src/services/store/index.js';
import { at, defaultPolicy } from '../../helpers/policy.js';

const rules = { timezone: 'Asia/Shanghai', closeAfterMs: 10 * DAY };
const END = at('2026-10-31T16:00:00Z'); // the end of October in Asia/Shanghai
const event = (action: 'closed' | 'reopened', t: number, id: number): StoredMonthEvent => ({
  id,
  month: '2026-10',
  action,
  reason: action === 'closed' ? 'statement issued' : 'a fee was wrong',
  at: t,
  by: { id: 'cli', name: 'ann' },
});

describe('month status', () => {
  test('running until it ends, open until closeAfter has passed, then closed (not yet settled)', () => {
    assert.equal(monthStatus('2026-10', [], rules, END - 1).state, 'running');
    const open = monthStatus('2026-10', [], rules, END);
    assert.equal(open.state, 'open');
    assert.equal(open.closesAt, END + 10 * DAY);
    assert.match(open.why, /closes at 2026-11-10T16:00:00\.000Z \(closeAfter 10d\)/);
    const closed = monthStatus('2026-10', [], rules, END + 10 * DAY);
    assert.deepEqual([closed.state, closed.settled], ['closed', false]);
    assert.equal(closed.why, 'closeAfter (10d) passed at 2026-11-10T16:00:00.000Z');
  });

  test('a recorded closing settles it whenever it was made; a reopening opens it until the next closing', () => {
    const issued = monthStatus('2026-10', [event('closed', END + DAY, 1)], rules, END + 2 * DAY);
    assert.deepEqual([issued.state, issued.settled], ['closed', true]);
    assert.equal(issued.why, 'closed by cli (ann) at 2026-11-01T16:00:00.000Z: statement issued');
    const events = [event('closed', END + DAY, 1), event('reopened', END + 20 * DAY, 2)];
    const reopened = monthStatus('2026-10', events, rules, END + 40 * DAY);
    assert.deepEqual([reopened.state, reopened.settled], ['reopened', false]);
    assert.match(reopened.why, /^reopened by cli \(ann\) at .*: a fee was wrong$/);
    const again = [...events, event('closed', END + 41 * DAY, 3)];
    assert.equal(monthStatus('2026-10', again, rules, END + 42 * DAY).state, 'closed');
    assert.equal(monthStatus('2026-11', again, rules, END + 42 * DAY).history.length, 0);
  });

  test('closeAfter: never keeps an ended month open until its statement is issued', () => {
    const never = { ...rules, closeAfterMs: null };
    const s = monthStatus('2026-10', [], never, END + 400 * DAY);
    assert.deepEqual([s.state, s.closesAt], ['open', null]);
    assert.match(s.why, /closes when its statement is issued/);
  });

  test('monthsBetween: every month from the first to the last, across a year', () => {
    assert.deepEqual(monthsBetween('2026-11', '2027-02'), [
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
    ]);
    assert.deepEqual(monthsBetween('2026-11', '2026-10'), []);
  });
});

describe('policy terms over time', () => {
  const a = defaultPolicy();
  const b = { ...a, hash: 'b' };
  const c = { ...a, hash: 'c' };
  const t = at('2026-10-05T08:00:00Z');

  test('the last version in force at an instant; before the first, the first', () => {
    const terms = policyTerms(
      [
        { id: 2, effectiveFrom: t + DAY, policy: () => b },
        { id: 1, effectiveFrom: t, policy: () => a },
        { id: 3, effectiveFrom: t + DAY, policy: () => c },
      ],
      c,
    );
    assert.equal(terms.at(t - DAY), a);
    assert.equal(terms.at(t), a);
    assert.equal(terms.at(t + DAY - 1), a);
    assert.equal(terms.at(t + DAY), c, 'the same date: the one stored later');
  });

  test('a version that no longer compiles gives way to the next newer one, then to the running policy', () => {
    const terms = policyTerms(
      [
        { id: 1, effectiveFrom: t, policy: () => undefined },
        { id: 2, effectiveFrom: t + DAY, policy: () => b },
      ],
      c,
    );
    assert.equal(terms.at(t), b);
    assert.equal(policyTerms([{ id: 1, effectiveFrom: t, policy: () => undefined }], c).at(t), c);
    assert.equal(policyTerms([], c).at(t), c);
  });
});
