import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HOUR, MINUTE } from '../../../src/domain/duration.js';
import type { TicketEventType, TicketRecord } from '../../../src/domain/ticket.js';
import { lateEntries } from '../../../src/evaluate/compliance/late-entries.js';
import { at, defaultPolicy } from '../../helpers/policy.js';

// The default policy: C-01 answers within 15 min (never pauses), C-02 solves an urgent problem
// within 2 h and pauses while the ticket waits on the customer.
const policy = defaultPolicy();
const T0 = at('2026-10-05T08:00:00Z');
const NOW = T0 + 6 * HOUR;
const WINDOW = { from: at('2026-09-30T16:00:00Z'), to: at('2026-10-31T16:00:00Z') };
const ADMIN = { id: 'tok_admin', name: 'Wang (admin)' };

/** An urgent problem created at T0; each event [type, at, recordedAt], late when recorded over 5 min after. */
function urgent(
  id: number,
  events: Array<[TicketEventType, number, number?]>,
  createdAt = T0,
): TicketRecord {
  return {
    id,
    customer: 'acme',
    kind: 'problem',
    priority: 'urgent',
    channel: 'web',
    subject: 's',
    body: '',
    createdAt,
    events: events.map(([type, offset, recorded = offset], i) => ({
      seq: i + 1,
      type,
      at: createdAt + offset,
      recordedAt: createdAt + recorded,
      recordedBy: ADMIN,
      late: recorded - offset > 5 * MINUTE || undefined,
    })),
  };
}

const run = (...tickets: TicketRecord[]) =>
  lateEntries(
    policy,
    tickets.map((ticket) => ({ ticket, customer: undefined })),
    WINDOW,
    NOW,
  );

describe('late entries and the outcomes they changed', () => {
  test('an answer dated before the deadline but recorded after it changed C-01', () => {
    const r = run(urgent(1, [['acknowledged', 10 * MINUTE, 30 * MINUTE]]));
    assert.equal(r.count, 1);
    assert.equal(r.changedOutcome, 1);
    assert.deepEqual(r.items, [
      {
        ticket: 1,
        customer: 'acme',
        seq: 1,
        type: 'acknowledged',
        at: T0 + 10 * MINUTE,
        recordedAt: T0 + 30 * MINUTE,
        recordedBy: ADMIN,
        changed: ['C-01'],
      },
    ]);
  });

  test('a late answer recorded before the deadline, or after it had passed, changed nothing', () => {
    const r = run(
      urgent(1, [['acknowledged', 2 * MINUTE, 12 * MINUTE]]), // recorded in time anyway
      urgent(2, [['acknowledged', 20 * MINUTE, 40 * MINUTE]]), // breached as dated too
      urgent(3, [
        ['acknowledged', 5 * MINUTE],
        ['acknowledged', 10 * MINUTE, 30 * MINUTE], // the clock had stopped already
      ]),
    );
    assert.equal(r.count, 3);
    assert.equal(r.changedOutcome, 0);
    assert.deepEqual(
      r.items.map((i) => [i.ticket, i.changed]),
      [
        [1, []],
        [3, []],
        [2, []],
      ],
      'by when they are dated',
    );
  });

  test('a late "waiting on customer" that paused C-02 before its deadline changed it', () => {
    const r = run(
      urgent(1, [
        ['acknowledged', 5 * MINUTE],
        ['waiting_on_customer', 110 * MINUTE, 3 * HOUR],
      ]),
    );
    assert.deepEqual(
      r.items.map((i) => [i.type, i.changed]),
      [['waiting_on_customer', ['C-02']]],
    );
    assert.equal(r.changedOutcome, 1);
  });

  test('a late solution while the clock was paused changed nothing: recorded on time it was paused too', () => {
    const r = run(
      urgent(1, [
        ['acknowledged', 5 * MINUTE],
        ['waiting_on_customer', 30 * MINUTE],
        ['solution_provided', 40 * MINUTE, 5 * HOUR], // after C-02's unpaused deadline of T0 + 2 h
      ]),
    );
    assert.equal(r.count, 1);
    assert.deepEqual(r.items[0]!.changed, []);
  });

  test('only late events dated in the window count; events on time never do', () => {
    const september = at('2026-09-20T08:00:00Z');
    const r = run(
      urgent(1, [['acknowledged', 10 * MINUTE, 30 * MINUTE]], september),
      urgent(2, [
        ['acknowledged', 1 * MINUTE, 3 * MINUTE],
        ['solution_provided', 30 * MINUTE],
      ]),
    );
    assert.deepEqual(r, { count: 0, changedOutcome: 0, items: [] });
  });

  test('history recorded before Surety kept its recorder lists none', () => {
    const t = urgent(1, [['acknowledged', 10 * MINUTE, 30 * MINUTE]]);
    const old = { ...t, events: t.events.map((e) => ({ ...e, recordedBy: undefined })) };
    assert.equal(run(old).items[0]!.recordedBy, null);
  });
});
