// Opening tickets over HTTP: which clocks each kind and priority gets under the default
// policy, their deadlines, warnings at 75 % / 90 %, the breach at the deadline, plan and
// customer overrides, and reclassification.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testDatabases } from '../helpers/databases.js';
import {
  DAY,
  HOUR,
  MIN,
  SEC,
  T0,
  T0_ISO,
  addCustomer,
  clockOf,
  commitmentsOf,
  expectError,
  expectStatus,
  getTicket,
  iso,
  openTicket,
  record,
  serverPerTest,
} from './support.js';

const dbs = await testDatabases();

/** The default policy's ticket clocks, as the guarantee states them. */
const TARGET: Record<string, number> = {
  'C-01': 15 * MIN,
  'C-02': 2 * HOUR,
  'C-03': 24 * HOUR,
  'C-04': 72 * HOUR,
  'F-02': 2 * HOUR,
  'F-03': 24 * HOUR,
};
const TARGET_TEXT: Record<string, string> = {
  'C-01': '15m',
  'C-02': '2h',
  'C-03': '1d',
  'C-04': '3d',
  'F-02': '2h',
  'F-03': '1d',
};

function expectedClocks(kind: string, priority: string): string[] {
  const out = ['C-01'];
  if (kind === 'problem')
    out.push(priority === 'urgent' ? 'C-02' : priority === 'general' ? 'C-03' : 'C-04');
  if (kind === 'feedback') out.push('F-02', 'F-03');
  return out.sort();
}

for (const db of dbs) {
  describe(`tickets: clocks per kind and priority [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db);

    it('gives every kind/priority exactly the clocks of the policy, each due at creation + target', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      for (const kind of ['inquiry', 'problem', 'complaint', 'suggestion', 'feedback']) {
        for (const priority of ['urgent', 'general', 'complex']) {
          const t = await openTicket(s, {
            kind,
            priority,
            channel: 'email',
            subject: `${kind}/${priority}`,
          });
          assert.equal(typeof t.id, 'number');
          assert.equal(t.status, 'new');
          assert.equal(t.kind, kind);
          assert.equal(t.priority, priority);
          assert.equal(t.customer, 'acme');
          assert.equal(t.createdAt, T0_ISO);
          assert.equal(t.breached, false);
          assert.deepEqual(t.events, []);
          assert.deepEqual(commitmentsOf(t), expectedClocks(kind, priority), `${kind}/${priority}`);
          for (const c of t.clocks) {
            const target = TARGET[c.commitment]!;
            assert.equal(c.state, 'running', `${kind}/${priority} ${c.commitment}`);
            assert.equal(c.targetMs, target);
            assert.equal(c.target, TARGET_TEXT[c.commitment]);
            assert.equal(c.startedAt, T0_ISO);
            assert.equal(c.dueAt, iso(T0 + target));
            assert.equal(c.stoppedAt, null);
            assert.equal(c.pausedAt, null);
            assert.equal(c.breachedAt, null);
            assert.equal(c.elapsedMs, 0);
            assert.equal(c.remainingMs, target);
            assert.deepEqual(c.warnings, []);
          }
          // The stored ticket reads back the same.
          const again = await getTicket(s, t.id);
          assert.deepEqual(again.clocks, t.clocks);
        }
      }
    });

    it('counts elapsed and remaining time as the clock moves', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const t = await openTicket(s, { kind: 'problem', priority: 'complex' });
      s.time.advance(5 * HOUR + 7 * SEC);
      const now = await getTicket(s, t.id);
      const c04 = clockOf(now, 'C-04');
      assert.equal(c04.state, 'running');
      assert.equal(c04.elapsedMs, 5 * HOUR + 7 * SEC);
      assert.equal(c04.remainingMs, 72 * HOUR - (5 * HOUR + 7 * SEC));
      assert.equal(c04.dueAt, iso(T0 + 72 * HOUR));
      // C-01 ran out long ago.
      assert.equal(clockOf(now, 'C-01').state, 'breached');
    });

    it('opens a ticket with a past createdAt and judges it from then', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const created = T0 - 30 * MIN;
      const t = await openTicket(s, {
        kind: 'problem',
        priority: 'urgent',
        createdAt: iso(created),
      });
      assert.equal(t.createdAt, iso(created));
      const c01 = clockOf(t, 'C-01');
      assert.equal(c01.state, 'breached');
      assert.equal(c01.dueAt, iso(created + 15 * MIN));
      assert.equal(c01.breachedAt, iso(created + 15 * MIN));
      assert.equal(c01.elapsedMs, 30 * MIN);
      const c02 = clockOf(t, 'C-02');
      assert.equal(c02.state, 'running');
      assert.equal(c02.dueAt, iso(created + 2 * HOUR));
      assert.equal(c02.remainingMs, 90 * MIN);
      assert.equal(t.breached, true);
    });

    it('accepts a createdAt with an offset and equal to now', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      // 16:00 in Shanghai is T0.
      const t = await openTicket(s, { createdAt: '2026-10-05T16:00:00+08:00' });
      assert.equal(t.createdAt, T0_ISO);
      assert.equal(clockOf(t, 'C-01').dueAt, iso(T0 + 15 * MIN));
    });
  });

  describe(`tickets: warnings and the breach [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db);

    it('warns at exactly 75 % and 90 % of the allowed time (C-01: 11m15s and 13m30s)', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const t = await openTicket(s);
      const w75 = T0 + 0.75 * 15 * MIN;
      const w90 = T0 + 0.9 * 15 * MIN;

      s.time.set(w75);
      let c = clockOf(await getTicket(s, t.id), 'C-01');
      assert.equal(c.state, 'running', 'at exactly 75 % nothing has been passed yet');
      assert.deepEqual(c.warnings, []);
      assert.equal(c.remainingMs, 15 * MIN - 0.75 * 15 * MIN);

      s.time.set(w75 + 1);
      c = clockOf(await getTicket(s, t.id), 'C-01');
      assert.equal(c.state, 'warning');
      assert.deepEqual(c.warnings, [{ threshold: 0.75, at: iso(w75) }]);
      assert.equal(c.dueAt, iso(T0 + 15 * MIN));

      s.time.set(w90);
      c = clockOf(await getTicket(s, t.id), 'C-01');
      assert.deepEqual(c.warnings, [{ threshold: 0.75, at: iso(w75) }]);

      s.time.set(w90 + 1);
      c = clockOf(await getTicket(s, t.id), 'C-01');
      assert.equal(c.state, 'warning');
      assert.deepEqual(c.warnings, [
        { threshold: 0.75, at: iso(w75) },
        { threshold: 0.9, at: iso(w90) },
      ]);
    });

    it('warns C-03 at 18h and 21h36m', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const t = await openTicket(s, { kind: 'problem', priority: 'general' });
      await record(s, t.id, 'acknowledged');
      s.time.set(T0 + 22 * HOUR);
      const c = clockOf(await getTicket(s, t.id), 'C-03');
      assert.equal(c.state, 'warning');
      assert.deepEqual(c.warnings, [
        { threshold: 0.75, at: iso(T0 + 18 * HOUR) },
        { threshold: 0.9, at: iso(T0 + 21 * HOUR + 36 * MIN) },
      ]);
      assert.equal(c.remainingMs, 2 * HOUR);
    });

    it('is still running at the deadline and breached 1 ms later, with breachedAt = dueAt', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const t = await openTicket(s, { kind: 'problem', priority: 'urgent' });
      const due01 = T0 + 15 * MIN;

      s.time.set(due01);
      let v = await getTicket(s, t.id);
      let c = clockOf(v, 'C-01');
      assert.equal(c.state, 'warning', 'at the deadline the clock has not run out');
      assert.equal(c.breachedAt, null);
      assert.equal(c.remainingMs, 0);
      assert.equal(v.breached, false);

      s.time.set(due01 + 1);
      v = await getTicket(s, t.id);
      c = clockOf(v, 'C-01');
      assert.equal(c.state, 'breached');
      assert.equal(c.breachedAt, iso(due01));
      assert.equal(c.dueAt, iso(due01));
      assert.equal(c.remainingMs, -1);
      assert.equal(c.elapsedMs, 15 * MIN + 1);
      assert.equal(v.breached, true);
      // C-02 is untouched by C-01's breach.
      assert.equal(clockOf(v, 'C-02').state, 'running');
      assert.equal(clockOf(v, 'C-02').dueAt, iso(T0 + 2 * HOUR));

      const due02 = T0 + 2 * HOUR;
      s.time.set(due02 + 1);
      c = clockOf(await getTicket(s, t.id), 'C-02');
      assert.equal(c.state, 'breached');
      assert.equal(c.breachedAt, iso(due02));
    });

    it('an event at exactly the deadline is in time; 1 ms later it is not', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const onTime = await openTicket(s, { subject: 'on time' });
      const late = await openTicket(s, { subject: 'late' });
      const due = T0 + 15 * MIN;
      s.time.set(due + 5 * MIN);

      const a = await record(s, onTime.id, 'acknowledged', { at: iso(due) });
      const ca = clockOf(a, 'C-01');
      assert.equal(ca.state, 'met');
      assert.equal(ca.stoppedAt, iso(due));
      assert.equal(ca.breachedAt, null);
      assert.equal(ca.elapsedMs, 15 * MIN);
      assert.equal(ca.remainingMs, 0);
      assert.equal(a.breached, false);
      assert.equal(a.status, 'open');
      // Warnings that were passed before the answer stay on record.
      assert.deepEqual(
        ca.warnings.map((w: any) => w.threshold),
        [0.75, 0.9],
      );

      const b = await record(s, late.id, 'acknowledged', { at: iso(due + 1) });
      const cb = clockOf(b, 'C-01');
      assert.equal(cb.state, 'breached');
      assert.equal(cb.breachedAt, iso(due));
      assert.equal(cb.stoppedAt, iso(due + 1));
      assert.equal(cb.remainingMs, -1);
      assert.equal(b.breached, true);
    });

    it('a met clock does not breach later', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const t = await openTicket(s);
      s.time.advance(3 * MIN);
      await record(s, t.id, 'acknowledged');
      s.time.advance(10 * DAY);
      const c = clockOf(await getTicket(s, t.id), 'C-01');
      assert.equal(c.state, 'met');
      assert.equal(c.stoppedAt, iso(T0 + 3 * MIN));
      assert.equal(c.elapsedMs, 3 * MIN);
      assert.equal(c.remainingMs, 12 * MIN);
      assert.deepEqual(c.warnings, []);
    });

    it('C-01 stops on any answer: staged solution, solution, resolution or closing', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      for (const type of ['staged_solution_provided', 'solution_provided', 'resolved', 'closed']) {
        s.time.set(T0);
        const t = await openTicket(s, { kind: 'problem', priority: 'complex', subject: type });
        s.time.set(T0 + 4 * MIN);
        const v = await record(s, t.id, type);
        const c = clockOf(v, 'C-01');
        assert.equal(c.state, 'met', type);
        assert.equal(c.stoppedAt, iso(T0 + 4 * MIN), type);
      }
    });
  });

  describe(`tickets: plans and customer overrides [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db);

    it('a premium customer gets C-01 in 10m and C-03 in 12h; C-02 and C-04 stay', async () => {
      const s = server();
      const cust = await addCustomer(s, 'vip', { plan: 'premium' });
      assert.equal(cust.plan, 'premium');
      const general = await openTicket(s, {
        customer: 'vip',
        kind: 'problem',
        priority: 'general',
      });
      assert.equal(clockOf(general, 'C-01').targetMs, 10 * MIN);
      assert.equal(clockOf(general, 'C-01').target, '10m');
      assert.equal(clockOf(general, 'C-01').dueAt, iso(T0 + 10 * MIN));
      assert.equal(clockOf(general, 'C-03').targetMs, 12 * HOUR);
      assert.equal(clockOf(general, 'C-03').target, '12h');
      assert.equal(clockOf(general, 'C-03').dueAt, iso(T0 + 12 * HOUR));
      const urgent = await openTicket(s, { customer: 'vip', kind: 'problem', priority: 'urgent' });
      assert.equal(clockOf(urgent, 'C-02').dueAt, iso(T0 + 2 * HOUR));
      const complex = await openTicket(s, {
        customer: 'vip',
        kind: 'problem',
        priority: 'complex',
      });
      assert.equal(clockOf(complex, 'C-04').dueAt, iso(T0 + 72 * HOUR));

      // Warnings and the breach follow the premium target.
      s.time.set(T0 + 7.5 * MIN + 1);
      let c = clockOf(await getTicket(s, general.id), 'C-01');
      assert.deepEqual(c.warnings, [{ threshold: 0.75, at: iso(T0 + 7.5 * MIN) }]);
      s.time.set(T0 + 10 * MIN);
      c = clockOf(await getTicket(s, general.id), 'C-01');
      assert.equal(c.breachedAt, null);
      s.time.set(T0 + 10 * MIN + 1);
      c = clockOf(await getTicket(s, general.id), 'C-01');
      assert.equal(c.state, 'breached');
      assert.equal(c.breachedAt, iso(T0 + 10 * MIN));
    });

    it('a standard-plan customer keeps the default targets', async () => {
      const s = server();
      await addCustomer(s, 'std', { plan: 'standard' });
      const t = await openTicket(s, { customer: 'std', kind: 'problem', priority: 'general' });
      assert.equal(clockOf(t, 'C-01').dueAt, iso(T0 + 15 * MIN));
      assert.equal(clockOf(t, 'C-03').dueAt, iso(T0 + 24 * HOUR));
    });

    it("a customer's own overrides apply, and win over its plan", async () => {
      const s = server();
      const plain = await addCustomer(s, 'fast', { overrides: { 'C-02': '1h' } });
      assert.deepEqual(plain.overrides, { 'C-02': '1h' });
      const t = await openTicket(s, { customer: 'fast', kind: 'problem', priority: 'urgent' });
      assert.equal(clockOf(t, 'C-02').targetMs, HOUR);
      assert.equal(clockOf(t, 'C-02').dueAt, iso(T0 + HOUR));
      assert.equal(clockOf(t, 'C-01').dueAt, iso(T0 + 15 * MIN));

      await addCustomer(s, 'vip5', { plan: 'premium', overrides: { 'C-01': '5m' } });
      const v = await openTicket(s, { customer: 'vip5', kind: 'problem', priority: 'general' });
      assert.equal(
        clockOf(v, 'C-01').dueAt,
        iso(T0 + 5 * MIN),
        'the customer override beats the plan',
      );
      assert.equal(
        clockOf(v, 'C-03').dueAt,
        iso(T0 + 12 * HOUR),
        'the plan still applies where the customer says nothing',
      );

      const got = await s.api('GET', '/api/v1/customers/vip5');
      expectStatus(got, 200);
      assert.equal(got.body.plan, 'premium');
      assert.deepEqual(got.body.overrides, { 'C-01': '5m' });
    });

    it('refuses an unknown plan (422) and a bad override (400), naming them', async () => {
      const s = server();
      const plan = await s.api('POST', '/api/v1/customers', {
        id: 'x',
        name: 'X',
        monthlyFee: 1,
        plan: 'gold',
      });
      expectError(plan, 422, 'unknown_reference', 'plan', 'gold');
      const unknown = await s.api('POST', '/api/v1/customers', {
        id: 'x',
        name: 'X',
        monthlyFee: 1,
        overrides: { 'C-99': '1h' },
      });
      expectError(unknown, 400, 'invalid_input', 'C-99');
      const bad = await s.api('POST', '/api/v1/customers', {
        id: 'x',
        name: 'X',
        monthlyFee: 1,
        overrides: { 'C-01': 'soon' },
      });
      expectError(bad, 400, 'invalid_input', 'soon');
      expectStatus(await s.api('GET', '/api/v1/customers/x'), 404);
    });
  });

  describe(`tickets: reclassification [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db);

    it('an inquiry classified as an urgent problem gains C-02, counted from creation', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const t = await openTicket(s, { kind: 'inquiry', priority: 'general' });
      assert.deepEqual(commitmentsOf(t), ['C-01']);
      s.time.set(T0 + 30 * MIN);
      const v = await record(s, t.id, 'classified', { kind: 'problem', priority: 'urgent' });
      assert.equal(v.kind, 'problem');
      assert.equal(v.priority, 'urgent');
      assert.deepEqual(commitmentsOf(v), ['C-01', 'C-02']);
      const c02 = clockOf(v, 'C-02');
      assert.equal(c02.startedAt, T0_ISO);
      assert.equal(c02.dueAt, iso(T0 + 2 * HOUR));
      assert.equal(c02.elapsedMs, 30 * MIN);
      assert.equal(c02.remainingMs, 90 * MIN);
      // Classifying is not an answer: C-01 keeps running (and has run out).
      assert.equal(clockOf(v, 'C-01').state, 'breached');
      assert.equal(clockOf(v, 'C-01').breachedAt, iso(T0 + 15 * MIN));
      const stored = await getTicket(s, t.id);
      assert.equal(stored.kind, 'problem');
      assert.equal(stored.priority, 'urgent');
      assert.deepEqual(
        stored.events.map((e: any) => [e.type, e.at, e.kind, e.priority]),
        [['classified', iso(T0 + 30 * MIN), 'problem', 'urgent']],
      );
    });

    it('urgent reclassified to general drops C-02 and starts C-03 from creation', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const t = await openTicket(s, { kind: 'problem', priority: 'urgent' });
      s.time.set(T0 + MIN);
      await record(s, t.id, 'acknowledged', { at: iso(T0 + MIN) });
      s.time.set(T0 + HOUR);
      const v = await record(s, t.id, 'classified', { priority: 'general' });
      assert.equal(v.kind, 'problem');
      assert.equal(v.priority, 'general');
      assert.deepEqual(commitmentsOf(v), ['C-01', 'C-03']);
      assert.equal(clockOf(v, 'C-03').dueAt, iso(T0 + 24 * HOUR));
      assert.equal(clockOf(v, 'C-03').elapsedMs, HOUR);
      // Past the old C-02 deadline nothing breaches: C-02 no longer applies.
      s.time.set(T0 + 3 * HOUR);
      const later = await getTicket(s, t.id);
      assert.equal(later.breached, false);
      assert.deepEqual(commitmentsOf(later), ['C-01', 'C-03']);
    });

    it('a reclassification after the deadline cannot date the breach before it applied', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const t = await openTicket(s, { kind: 'inquiry' });
      const at = T0 + 3 * HOUR;
      s.time.set(T0 + MIN);
      await record(s, t.id, 'acknowledged', { at: iso(T0 + MIN) });
      s.time.set(at);
      const v = await record(s, t.id, 'classified', { kind: 'problem', priority: 'urgent' });
      const c = clockOf(v, 'C-02');
      assert.equal(c.dueAt, iso(at));
      assert.equal(c.breachedAt, null);
      s.time.set(at + 1);
      const late = clockOf(await getTicket(s, t.id), 'C-02');
      assert.equal(late.state, 'breached');
      assert.equal(late.breachedAt, iso(at));
    });

    it('feedback: F-02 met by classification, F-03 by resolution', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const t = await openTicket(s, { kind: 'feedback', priority: 'general', channel: 'social' });
      s.time.set(T0 + 10 * MIN);
      await record(s, t.id, 'acknowledged', { at: iso(T0 + 10 * MIN) });
      s.time.set(T0 + 2 * HOUR);
      let v = await record(s, t.id, 'classified');
      assert.equal(clockOf(v, 'F-02').state, 'met', 'classified at exactly 2h is in time');
      assert.equal(clockOf(v, 'F-02').stoppedAt, iso(T0 + 2 * HOUR));
      assert.equal(clockOf(v, 'F-03').state, 'running');
      s.time.set(T0 + 25 * HOUR);
      v = await record(s, t.id, 'resolved');
      assert.equal(clockOf(v, 'F-03').state, 'breached');
      assert.equal(clockOf(v, 'F-03').breachedAt, iso(T0 + 24 * HOUR));
      assert.equal(clockOf(v, 'F-03').stoppedAt, iso(T0 + 25 * HOUR));
      assert.equal(clockOf(v, 'C-01').state, 'met');
    });
  });
}
