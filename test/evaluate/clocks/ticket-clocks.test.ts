import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HOUR, MINUTE } from '../../../src/domain/duration.js';
import type {
  Priority,
  TicketEvent,
  TicketEventType,
  TicketKind,
  TicketRecord,
} from '../../../src/domain/ticket.js';
import { evaluateTicketClocks } from '../../../src/evaluate/clocks/ticket-clocks.js';
import type { CustomerTerms } from '../../../src/policy/effective-target.js';
import { at, defaultPolicy, policyFrom } from '../../helpers/policy.js';

const policy = defaultPolicy();
const T0 = at('2026-10-05T08:00:00Z');

function ticket(
  kind: TicketKind,
  priority: Priority,
  events: Array<[TicketEventType, number, Partial<TicketEvent>?]> = [],
): TicketRecord {
  return {
    id: 1,
    customer: 'acme',
    kind,
    priority,
    channel: 'web',
    subject: 's',
    body: '',
    createdAt: T0,
    events: events.map(([type, offset, extra], i) => ({
      seq: i + 1,
      type,
      at: T0 + offset,
      recordedAt: T0 + offset,
      ...extra,
    })),
  };
}

const clocksOf = (t: TicketRecord, now: number, customer?: CustomerTerms) =>
  new Map(evaluateTicketClocks(policy, t, customer, now).map((c) => [c.commitment, c]));

describe('which clocks a ticket carries (default policy)', () => {
  const cases: Array<[TicketKind, Priority, string[]]> = [
    ['inquiry', 'general', ['C-01']],
    ['problem', 'urgent', ['C-01', 'C-02']],
    ['problem', 'general', ['C-01', 'C-03']],
    ['problem', 'complex', ['C-01', 'C-04']],
    ['complaint', 'urgent', ['C-01']],
    ['suggestion', 'general', ['C-01']],
    ['feedback', 'general', ['C-01', 'F-02', 'F-03']],
  ];
  for (const [kind, priority, expected] of cases) {
    test(`${kind}/${priority} → ${expected.join(', ')}`, () => {
      assert.deepEqual([...clocksOf(ticket(kind, priority), T0).keys()].sort(), expected);
    });
  }

  test('targets are the guarantee’s: 15 min, 2 h, 24 h, 72 h', () => {
    const due = (k: TicketKind, p: Priority, c: string) => clocksOf(ticket(k, p), T0).get(c)!.dueAt;
    assert.equal(due('inquiry', 'general', 'C-01'), T0 + 15 * MINUTE);
    assert.equal(due('problem', 'urgent', 'C-02'), T0 + 2 * HOUR);
    assert.equal(due('problem', 'general', 'C-03'), T0 + 24 * HOUR);
    assert.equal(due('problem', 'complex', 'C-04'), T0 + 72 * HOUR);
  });
});

describe('clock states over time', () => {
  test('running, warning at 75 % and 90 %, breached once the deadline has passed', () => {
    const t = ticket('inquiry', 'general');
    const c = (now: number) => clocksOf(t, now).get('C-01')!;
    assert.equal(c(T0 + 11 * MINUTE).state, 'running');
    // 75 % of 15 min = 11:15. At the instant itself it is not yet past.
    assert.equal(c(T0 + 11.25 * MINUTE).state, 'running');
    assert.equal(c(T0 + 11.25 * MINUTE + 1).state, 'warning');
    assert.deepEqual(
      c(T0 + 14 * MINUTE).warnings.map((w) => [w.threshold, w.at]),
      [
        [0.75, T0 + 11.25 * MINUTE],
        [0.9, T0 + 13.5 * MINUTE],
      ],
    );
    // At the deadline: still in time, nothing remaining.
    const atDue = c(T0 + 15 * MINUTE);
    assert.equal(atDue.state, 'warning');
    assert.equal(atDue.remainingMs, 0);
    assert.equal(atDue.breachedAt, null);
    // One millisecond later: breached, dated at the deadline.
    const late = c(T0 + 15 * MINUTE + 1);
    assert.equal(late.state, 'breached');
    assert.equal(late.breachedAt, T0 + 15 * MINUTE);
    assert.equal(late.remainingMs, -1);
  });

  test('a response at the very deadline meets it; a millisecond later breaches', () => {
    const inTime = clocksOf(
      ticket('inquiry', 'general', [['acknowledged', 15 * MINUTE]]),
      T0 + HOUR,
    ).get('C-01')!;
    assert.equal(inTime.state, 'met');
    assert.equal(inTime.stoppedAt, T0 + 15 * MINUTE);
    const late = clocksOf(
      ticket('inquiry', 'general', [['acknowledged', 15 * MINUTE + 1]]),
      T0 + HOUR,
    ).get('C-01')!;
    assert.equal(late.state, 'breached');
    assert.equal(late.breachedAt, T0 + 15 * MINUTE);
    assert.equal(late.stoppedAt, T0 + 15 * MINUTE + 1);
  });

  test('nextChangeAt points at the next warning, then the deadline, then nothing', () => {
    const t = ticket('inquiry', 'general');
    assert.equal(clocksOf(t, T0).get('C-01')!.nextChangeAt, T0 + 11.25 * MINUTE);
    assert.equal(clocksOf(t, T0 + 12 * MINUTE).get('C-01')!.nextChangeAt, T0 + 13.5 * MINUTE);
    assert.equal(clocksOf(t, T0 + 14 * MINUTE).get('C-01')!.nextChangeAt, T0 + 15 * MINUTE);
    assert.equal(clocksOf(t, T0 + 16 * MINUTE).get('C-01')!.nextChangeAt, null);
  });
});

describe('pause and resume', () => {
  const t = ticket('problem', 'urgent', [
    ['acknowledged', 5 * MINUTE],
    ['waiting_on_customer', 30 * MINUTE],
    ['customer_replied', 90 * MINUTE],
  ]);

  test('waiting on the customer pauses the solution clock but not the first response', () => {
    const paused = clocksOf(t, T0 + 60 * MINUTE);
    assert.equal(paused.get('C-02')!.state, 'paused');
    assert.equal(paused.get('C-02')!.pausedAt, T0 + 30 * MINUTE);
    assert.equal(paused.get('C-02')!.dueAt, null);
    assert.equal(paused.get('C-02')!.elapsedMs, 30 * MINUTE);
    assert.equal(paused.get('C-01')!.state, 'met');
  });

  test('the reply resumes it, and the deadline moves by the paused hour', () => {
    const resumed = clocksOf(t, T0 + 100 * MINUTE).get('C-02')!;
    assert.equal(resumed.state, 'running');
    assert.equal(resumed.dueAt, T0 + 2 * HOUR + 60 * MINUTE);
    assert.equal(resumed.elapsedMs, 40 * MINUTE);
  });

  test('the first-response clock keeps running while waiting (the policy says it does not pause)', () => {
    const unanswered = ticket('problem', 'urgent', [['waiting_on_customer', 5 * MINUTE]]);
    const c = clocksOf(unanswered, T0 + 20 * MINUTE).get('C-01')!;
    assert.equal(c.state, 'breached');
    assert.equal(c.breachedAt, T0 + 15 * MINUTE);
  });
});

describe('resolve and reopen', () => {
  test('reopening resumes the resolution clock with the time already used', () => {
    const t = ticket('problem', 'general', [
      ['acknowledged', 10 * MINUTE],
      ['resolved', 20 * HOUR],
      ['reopened', 30 * HOUR],
    ]);
    const c = clocksOf(t, T0 + 31 * HOUR).get('C-03')!;
    assert.equal(c.state, 'warning'); // 21 h of 24 used: past 75 %
    assert.equal(c.elapsedMs, 21 * HOUR);
    assert.equal(c.dueAt, T0 + 34 * HOUR);
    const breached = clocksOf(t, T0 + 35 * HOUR).get('C-03')!;
    assert.equal(breached.breachedAt, T0 + 34 * HOUR);
  });

  test('the first response stays met after a reopen', () => {
    const t = ticket('problem', 'general', [
      ['acknowledged', 10 * MINUTE],
      ['resolved', HOUR],
      ['reopened', 2 * HOUR],
    ]);
    assert.equal(clocksOf(t, T0 + 3 * HOUR).get('C-01')!.state, 'met');
  });

  test('a staged solution meets C-04; a full solution counts as one too', () => {
    const staged = ticket('problem', 'complex', [['staged_solution_provided', 70 * HOUR]]);
    assert.equal(clocksOf(staged, T0 + 80 * HOUR).get('C-04')!.state, 'met');
    const full = ticket('problem', 'complex', [['solution_provided', 73 * HOUR]]);
    assert.equal(clocksOf(full, T0 + 80 * HOUR).get('C-04')!.breachedAt, T0 + 72 * HOUR);
  });
});

describe('reclassification', () => {
  test('a general problem raised to urgent gets the 2 h clock, counted from creation', () => {
    const t = ticket('problem', 'general', [['classified', 30 * MINUTE, { priority: 'urgent' }]]);
    const clocks = clocksOf(t, T0 + HOUR);
    assert.deepEqual([...clocks.keys()].sort(), ['C-01', 'C-02']);
    assert.equal(clocks.get('C-02')!.dueAt, T0 + 2 * HOUR);
  });

  test('a breach cannot be dated before the commitment applied', () => {
    const t = ticket('problem', 'general', [['classified', 3 * HOUR, { priority: 'urgent' }]]);
    assert.equal(clocksOf(t, T0 + 4 * HOUR).get('C-02')!.breachedAt, T0 + 3 * HOUR);
  });
});

describe('customer terms', () => {
  test('a premium plan shortens the first response to 10 min; a contract override wins over it', () => {
    const t = ticket('problem', 'general');
    assert.equal(
      clocksOf(t, T0, { id: 'acme', plan: 'premium', overrides: {} }).get('C-01')!.dueAt,
      T0 + 10 * MINUTE,
    );
    assert.equal(
      clocksOf(t, T0, { id: 'acme', plan: 'premium', overrides: {} }).get('C-03')!.dueAt,
      T0 + 12 * HOUR,
    );
    assert.equal(
      clocksOf(t, T0, {
        id: 'acme',
        plan: 'premium',
        overrides: { 'C-01': { target: 5 * MINUTE } },
      }).get('C-01')!.dueAt,
      T0 + 5 * MINUTE,
    );
  });
});

describe('business calendars', () => {
  const office = policyFrom(`
surety: 1
name: { en: Office, zh: 办公 }
timezone: Europe/Berlin
calendars:
  office: { timezone: Europe/Berlin, hours: { mon-fri: "09:00-17:00" } }
commitments:
  - id: R
    name: { en: Resolution, zh: 解决 }
    measure: resolution
    target: 8h
    calendar: office
`);
  test('a resolution clock counts office hours only, and pauses while waiting', () => {
    // Friday 2026-10-02 15:00 CEST (13:00Z). 2 h on Friday, waiting over the weekend
    // (closed anyway), resumed Monday 09:00: 6 h left → Monday 15:00 CEST (13:00Z).
    const created = at('2026-10-02T13:00:00Z');
    const t: TicketRecord = { ...ticket('problem', 'general'), createdAt: created, events: [] };
    const [c] = evaluateTicketClocks(office, t, undefined, created);
    assert.equal(c!.dueAt, at('2026-10-05T13:00:00Z'));
    const waiting: TicketRecord = {
      ...t,
      events: [
        { seq: 1, type: 'waiting_on_customer', at: at('2026-10-02T14:00:00Z'), recordedAt: 0 },
        { seq: 2, type: 'customer_replied', at: at('2026-10-05T09:00:00Z'), recordedAt: 0 },
      ],
    };
    // 1 h used before the pause; resumed Monday 11:00 CEST with 7 h left → Tuesday 10:00 CEST.
    const [w] = evaluateTicketClocks(office, waiting, undefined, at('2026-10-05T10:00:00Z'));
    assert.equal(w!.dueAt, at('2026-10-06T08:00:00Z'));
  });
});

describe('a breach survives reclassification', () => {
  test('an urgent problem that breached its 2 h and was then made general keeps the breach', () => {
    const t = ticket('problem', 'urgent', [['classified', 3 * HOUR, { priority: 'general' }]]);
    const clocks = clocksOf(t, T0 + 4 * HOUR);
    assert.deepEqual([...clocks.keys()].sort(), ['C-01', 'C-02', 'C-03']);
    assert.equal(clocks.get('C-02')!.state, 'breached');
    assert.equal(clocks.get('C-02')!.breachedAt, T0 + 2 * HOUR);
    assert.equal(clocks.get('C-02')!.nextChangeAt, null);
  });

  test('reclassified away before its deadline, the clock is dropped', () => {
    const t = ticket('problem', 'urgent', [['classified', 1 * HOUR, { priority: 'general' }]]);
    assert.deepEqual([...clocksOf(t, T0 + 4 * HOUR).keys()].sort(), ['C-01', 'C-03']);
  });
});

describe('closed without a solution', () => {
  const strict = policyFrom(`
surety: 1
name: { en: Strict, zh: 严格 }
timezone: Asia/Shanghai
commitments:
  - id: S
    name: { en: Solution, zh: 解决方案 }
    measure: solution
    target: 2h
    closedWithoutSolution: breach
  - id: L
    name: { en: Lenient solution, zh: 宽松 }
    measure: solution
    target: 2h
`);
  const strictOf = (t: TicketRecord, now: number) =>
    new Map(evaluateTicketClocks(strict, t, undefined, now).map((c) => [c.commitment, c]));

  test('a close before the deadline cancels the solution clock: neither met nor breached', () => {
    const t = ticket('problem', 'urgent', [
      ['acknowledged', 5 * MINUTE],
      ['closed', HOUR],
    ]);
    const clocks = clocksOf(t, T0 + 10 * HOUR);
    const c = clocks.get('C-02')!;
    assert.equal(c.state, 'cancelled');
    assert.equal(c.stoppedAt, T0 + HOUR);
    assert.equal(c.breachedAt, null);
    assert.equal(c.nextChangeAt, null);
    assert.equal(c.elapsedMs, HOUR);
    assert.equal(c.dueAt, T0 + 2 * HOUR);
    // The answer came in time, and the close does not change that.
    assert.equal(clocks.get('C-01')!.state, 'met');
  });

  test('a close at the very deadline is in time, so it cancels too', () => {
    const t = ticket('problem', 'urgent', [['closed', 2 * HOUR]]);
    assert.equal(clocksOf(t, T0 + 3 * HOUR).get('C-02')!.state, 'cancelled');
  });

  test('a close after the deadline leaves the breach standing, dated at the deadline', () => {
    const t = ticket('problem', 'urgent', [
      ['acknowledged', 5 * MINUTE],
      ['closed', 3 * HOUR],
    ]);
    const c = clocksOf(t, T0 + 4 * HOUR).get('C-02')!;
    assert.equal(c.state, 'breached');
    assert.equal(c.breachedAt, T0 + 2 * HOUR);
    assert.equal(c.stoppedAt, T0 + 3 * HOUR);
  });

  test('resolution and staged-solution clocks are cancelled by a close the same way', () => {
    const general = ticket('problem', 'general', [['closed', 2 * HOUR]]);
    assert.equal(clocksOf(general, T0 + 3 * HOUR).get('C-03')!.state, 'cancelled');
    const complex = ticket('problem', 'complex', [['closed', 2 * HOUR]]);
    assert.equal(clocksOf(complex, T0 + 3 * HOUR).get('C-04')!.state, 'cancelled');
    const feedback = ticket('feedback', 'general', [['closed', 2 * HOUR]]);
    const f = clocksOf(feedback, T0 + 3 * HOUR);
    assert.equal(f.get('F-03')!.state, 'cancelled');
    // Closing answers the customer and needs no classification: those clocks are met.
    assert.equal(f.get('C-01')!.state, 'breached'); // 2 h is past its 15 min
    assert.equal(f.get('F-02')!.state, 'met');
  });

  test('the first response is still met by a close', () => {
    const t = ticket('inquiry', 'general', [['closed', 10 * MINUTE]]);
    assert.equal(clocksOf(t, T0 + HOUR).get('C-01')!.state, 'met');
  });

  test('a close after the resolution changes nothing: the resolution was met', () => {
    const t = ticket('problem', 'general', [
      ['resolved', 20 * HOUR],
      ['closed', 30 * HOUR],
    ]);
    const c = clocksOf(t, T0 + 40 * HOUR).get('C-03')!;
    assert.equal(c.state, 'met');
    assert.equal(c.stoppedAt, T0 + 20 * HOUR);
  });

  test('resolved, reopened and then closed without a new resolution: cancelled', () => {
    const t = ticket('problem', 'general', [
      ['resolved', 10 * HOUR],
      ['reopened', 12 * HOUR],
      ['closed', 14 * HOUR],
    ]);
    const c = clocksOf(t, T0 + 30 * HOUR).get('C-03')!;
    assert.equal(c.state, 'cancelled');
    assert.equal(c.elapsedMs, 12 * HOUR);
    assert.equal(c.stoppedAt, T0 + 14 * HOUR);
  });

  test('closed while waiting on the customer: cancelled, due where it would be had work resumed', () => {
    const t = ticket('problem', 'urgent', [
      ['acknowledged', 5 * MINUTE],
      ['waiting_on_customer', 30 * MINUTE],
      ['closed', 5 * HOUR],
    ]);
    const c = clocksOf(t, T0 + 6 * HOUR).get('C-02')!;
    assert.equal(c.state, 'cancelled');
    assert.equal(c.pausedAt, null);
    assert.equal(c.elapsedMs, 30 * MINUTE);
    assert.equal(c.dueAt, T0 + 5 * HOUR + 90 * MINUTE);
  });

  test('warnings passed before the close stay in the record', () => {
    const t = ticket('problem', 'urgent', [['closed', 100 * MINUTE]]);
    const c = clocksOf(t, T0 + 3 * HOUR).get('C-02')!;
    assert.equal(c.state, 'cancelled');
    assert.deepEqual(
      c.warnings.map((w) => w.threshold),
      [0.75],
    );
  });

  test('closedWithoutSolution: breach breaks the clock at the close', () => {
    const t = ticket('problem', 'urgent', [['closed', HOUR]]);
    const clocks = strictOf(t, T0 + 10 * HOUR);
    const s = clocks.get('S')!;
    assert.equal(s.state, 'breached');
    assert.equal(s.breachedAt, T0 + HOUR);
    assert.equal(s.stoppedAt, T0 + HOUR);
    assert.equal(s.dueAt, T0 + 2 * HOUR);
    // The commitment beside it keeps the default.
    assert.equal(clocks.get('L')!.state, 'cancelled');
  });

  test('closedWithoutSolution: breach dates the breach at the deadline if that came first', () => {
    const t = ticket('problem', 'urgent', [['closed', 3 * HOUR]]);
    assert.equal(strictOf(t, T0 + 10 * HOUR).get('S')!.breachedAt, T0 + 2 * HOUR);
  });

  test('closedWithoutSolution: breach while paused breaks it at the close, before its deadline', () => {
    const t = ticket('problem', 'urgent', [
      ['waiting_on_customer', 30 * MINUTE],
      ['closed', 5 * HOUR],
    ]);
    const s = strictOf(t, T0 + 10 * HOUR).get('S')!;
    assert.equal(s.state, 'breached');
    assert.equal(s.breachedAt, T0 + 5 * HOUR);
    assert.equal(s.dueAt, T0 + 5 * HOUR + 90 * MINUTE);
  });

  test('a solution before the close meets the clock under either rule', () => {
    const t = ticket('problem', 'urgent', [
      ['solution_provided', HOUR],
      ['closed', 3 * HOUR],
    ]);
    const clocks = strictOf(t, T0 + 10 * HOUR);
    assert.equal(clocks.get('S')!.state, 'met');
    assert.equal(clocks.get('L')!.state, 'met');
  });
});
