// Recording what happens to a ticket: pausing while waiting on the customer, resuming on a
// reply or a reopen, the lifecycle's refusals, and events in time order only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testDatabases } from '../helpers/databases.js';
import {
  HOUR,
  MIN,
  T0,
  T0_ISO,
  addCustomer,
  clockOf,
  expectError,
  getTicket,
  iso,
  openTicket,
  record,
  serverPerTest,
} from './support.js';

const dbs = await testDatabases();

for (const db of dbs) {
  describe(`ticket events: pause and resume [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db);

    it('C-02 pauses while waiting on the customer and its deadline moves by the pause; C-01 does not pause', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const t = await openTicket(s, { kind: 'problem', priority: 'urgent' });
      const wait = T0 + 5 * MIN;
      const reply = T0 + 65 * MIN; // paused for one hour

      s.time.set(wait);
      let v = await record(s, t.id, 'waiting_on_customer');
      assert.equal(v.status, 'waiting');
      let c02 = clockOf(v, 'C-02');
      assert.equal(c02.state, 'paused');
      assert.equal(c02.pausedAt, iso(wait));
      assert.equal(c02.dueAt, null, 'while paused the deadline depends on when work resumes');
      assert.equal(c02.elapsedMs, 5 * MIN);
      assert.equal(c02.remainingMs, 2 * HOUR - 5 * MIN);

      // Time passes while waiting: C-02 does not move, C-01 does (and runs out).
      s.time.set(T0 + 30 * MIN);
      v = await getTicket(s, t.id);
      c02 = clockOf(v, 'C-02');
      assert.equal(c02.state, 'paused');
      assert.equal(c02.elapsedMs, 5 * MIN);
      const c01 = clockOf(v, 'C-01');
      assert.equal(c01.state, 'breached');
      assert.equal(c01.pausedAt, null);
      assert.equal(c01.dueAt, iso(T0 + 15 * MIN));
      assert.equal(c01.breachedAt, iso(T0 + 15 * MIN));
      assert.equal(c01.elapsedMs, 30 * MIN);

      s.time.set(reply);
      v = await record(s, t.id, 'customer_replied');
      assert.equal(v.status, 'new', 'never acknowledged, so back to new');
      c02 = clockOf(v, 'C-02');
      assert.equal(c02.state, 'running');
      assert.equal(c02.pausedAt, null);
      assert.equal(c02.dueAt, iso(T0 + 2 * HOUR + HOUR));
      assert.equal(c02.elapsedMs, 5 * MIN);
      assert.equal(c02.remainingMs, 2 * HOUR - 5 * MIN);

      // Warnings move with the pause too: 75 % (90m used) at T0+150m, 90 % (108m) at T0+168m.
      s.time.set(T0 + 170 * MIN);
      c02 = clockOf(await getTicket(s, t.id), 'C-02');
      assert.equal(c02.state, 'warning');
      assert.deepEqual(c02.warnings, [
        { threshold: 0.75, at: iso(T0 + 150 * MIN) },
        { threshold: 0.9, at: iso(T0 + 168 * MIN) },
      ]);
      assert.equal(c02.elapsedMs, 110 * MIN);

      // The shifted deadline is exact: in time at T0+3h, breached 1 ms later.
      s.time.set(T0 + 3 * HOUR);
      assert.equal(clockOf(await getTicket(s, t.id), 'C-02').breachedAt, null);
      s.time.set(T0 + 3 * HOUR + 1);
      c02 = clockOf(await getTicket(s, t.id), 'C-02');
      assert.equal(c02.state, 'breached');
      assert.equal(c02.breachedAt, iso(T0 + 3 * HOUR));
    });

    it('a solution at the shifted deadline is in time', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const t = await openTicket(s, { kind: 'problem', priority: 'urgent' });
      s.time.set(T0 + MIN);
      await record(s, t.id, 'acknowledged', { at: iso(T0 + MIN) });
      s.time.set(T0 + HOUR);
      await record(s, t.id, 'waiting_on_customer', { at: iso(T0 + HOUR) });
      s.time.set(T0 + 2 * HOUR);
      await record(s, t.id, 'customer_replied', { at: iso(T0 + 2 * HOUR) });
      s.time.set(T0 + 3 * HOUR);
      const v = await record(s, t.id, 'solution_provided', { at: iso(T0 + 3 * HOUR) });
      const c = clockOf(v, 'C-02');
      assert.equal(c.state, 'met');
      assert.equal(c.stoppedAt, iso(T0 + 3 * HOUR));
      assert.equal(c.elapsedMs, 2 * HOUR);
      assert.equal(c.remainingMs, 0);
      assert.equal(v.breached, false);
      assert.equal(v.status, 'open');
    });

    it('C-03 pauses across several waits and adds them all up', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const t = await openTicket(s, { kind: 'problem', priority: 'general' });
      s.time.set(T0 + 2 * MIN);
      await record(s, t.id, 'acknowledged', { at: iso(T0 + 2 * MIN) });
      s.time.set(T0 + HOUR);
      await record(s, t.id, 'waiting_on_customer', { at: iso(T0 + HOUR) });
      s.time.set(T0 + 3 * HOUR);
      await record(s, t.id, 'customer_replied', { at: iso(T0 + 3 * HOUR) }); // 2h paused
      s.time.set(T0 + 4 * HOUR);
      await record(s, t.id, 'waiting_on_customer', { at: iso(T0 + 4 * HOUR) });
      s.time.set(T0 + 7 * HOUR);
      await record(s, t.id, 'customer_replied', { at: iso(T0 + 7 * HOUR) }); // 3h paused
      s.time.set(T0 + 10 * HOUR);
      const v = await getTicket(s, t.id);
      const c = clockOf(v, 'C-03');
      assert.equal(c.state, 'running');
      assert.equal(c.dueAt, iso(T0 + 24 * HOUR + 5 * HOUR));
      assert.equal(c.elapsedMs, 10 * HOUR - 5 * HOUR);
      assert.equal(c.remainingMs, 19 * HOUR);
      assert.equal(clockOf(v, 'C-01').state, 'met');
    });

    it('a waiting ticket resolved without a reply stops its clocks where they were', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const t = await openTicket(s, { kind: 'problem', priority: 'general' });
      s.time.set(T0 + MIN);
      await record(s, t.id, 'acknowledged', { at: iso(T0 + MIN) });
      s.time.set(T0 + 2 * HOUR);
      await record(s, t.id, 'waiting_on_customer', { at: iso(T0 + 2 * HOUR) });
      s.time.set(T0 + 30 * HOUR);
      const v = await record(s, t.id, 'resolved', { at: iso(T0 + 30 * HOUR) });
      const c = clockOf(v, 'C-03');
      assert.equal(c.state, 'met');
      assert.equal(c.stoppedAt, iso(T0 + 30 * HOUR));
      assert.equal(c.elapsedMs, 2 * HOUR);
      assert.equal(c.breachedAt, null);
      assert.equal(v.status, 'resolved');
    });
  });

  describe(`ticket events: reopening [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db);

    it('C-03 resumes on reopen, keeping the time already used', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const t = await openTicket(s, { kind: 'problem', priority: 'general' });
      s.time.set(T0 + 5 * MIN);
      await record(s, t.id, 'acknowledged', { at: iso(T0 + 5 * MIN) });
      s.time.set(T0 + 10 * HOUR);
      let v = await record(s, t.id, 'resolved');
      assert.equal(v.status, 'resolved');
      let c = clockOf(v, 'C-03');
      assert.equal(c.state, 'met');
      assert.equal(c.stoppedAt, iso(T0 + 10 * HOUR));
      assert.equal(c.elapsedMs, 10 * HOUR);

      s.time.set(T0 + 20 * HOUR);
      v = await record(s, t.id, 'reopened');
      assert.equal(v.status, 'open');
      c = clockOf(v, 'C-03');
      assert.equal(c.state, 'running');
      assert.equal(c.stoppedAt, null);
      assert.equal(c.elapsedMs, 10 * HOUR, 'the 10 h resolved do not count');
      assert.equal(c.remainingMs, 14 * HOUR);
      assert.equal(c.dueAt, iso(T0 + 20 * HOUR + 14 * HOUR));
      // C-01 was answered once; a reopen does not restart it.
      const c01 = clockOf(v, 'C-01');
      assert.equal(c01.state, 'met');
      assert.equal(c01.stoppedAt, iso(T0 + 5 * MIN));

      // Warnings on the resumed clock: 75 % (18h used) 8h after the reopen, 90 % (21.6h) at 11.6h.
      s.time.set(T0 + 32 * HOUR);
      c = clockOf(await getTicket(s, t.id), 'C-03');
      assert.deepEqual(c.warnings, [
        { threshold: 0.75, at: iso(T0 + 28 * HOUR) },
        { threshold: 0.9, at: iso(T0 + 31 * HOUR + 36 * MIN) },
      ]);

      s.time.set(T0 + 34 * HOUR);
      assert.equal(clockOf(await getTicket(s, t.id), 'C-03').breachedAt, null);
      s.time.set(T0 + 34 * HOUR + 1);
      c = clockOf(await getTicket(s, t.id), 'C-03');
      assert.equal(c.state, 'breached');
      assert.equal(c.breachedAt, iso(T0 + 34 * HOUR));
    });

    it('resolving again after a reopen stops C-03 with both stretches counted', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const t = await openTicket(s, { kind: 'problem', priority: 'general' });
      s.time.set(T0 + MIN);
      await record(s, t.id, 'acknowledged', { at: iso(T0 + MIN) });
      s.time.set(T0 + 6 * HOUR);
      await record(s, t.id, 'resolved', { at: iso(T0 + 6 * HOUR) });
      s.time.set(T0 + 30 * HOUR);
      await record(s, t.id, 'reopened', { at: iso(T0 + 30 * HOUR) });
      s.time.set(T0 + 40 * HOUR);
      const v = await record(s, t.id, 'resolved', { at: iso(T0 + 40 * HOUR) });
      const c = clockOf(v, 'C-03');
      assert.equal(c.state, 'met');
      assert.equal(c.elapsedMs, 16 * HOUR);
      assert.equal(c.stoppedAt, iso(T0 + 40 * HOUR));
      assert.equal(v.status, 'resolved');
    });

    it('C-04 (staged solution) stays met after a reopen', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const t = await openTicket(s, { kind: 'problem', priority: 'complex' });
      s.time.set(T0 + MIN);
      await record(s, t.id, 'acknowledged', { at: iso(T0 + MIN) });
      s.time.set(T0 + 10 * HOUR);
      await record(s, t.id, 'staged_solution_provided', { at: iso(T0 + 10 * HOUR) });
      s.time.set(T0 + 20 * HOUR);
      await record(s, t.id, 'resolved', { at: iso(T0 + 20 * HOUR) });
      s.time.set(T0 + 30 * HOUR);
      const v = await record(s, t.id, 'reopened', { at: iso(T0 + 30 * HOUR) });
      s.time.set(T0 + 100 * HOUR);
      const c = clockOf(v, 'C-04');
      assert.equal(c.state, 'met');
      assert.equal(c.stoppedAt, iso(T0 + 10 * HOUR));
      assert.equal(c.breachedAt, null);
      assert.equal(v.breached, false);
    });
  });

  describe(`ticket events: order and lifecycle [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db);

    it('refuses an event before the last one (409) and writes nothing', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const t = await openTicket(s, { kind: 'problem', priority: 'urgent' });
      s.time.set(T0 + 10 * MIN);
      await record(s, t.id, 'acknowledged', { at: iso(T0 + 10 * MIN) });
      s.time.set(T0 + 20 * MIN);
      await record(s, t.id, 'waiting_on_customer', { at: iso(T0 + 20 * MIN) });
      s.time.set(T0 + HOUR);
      const before = await getTicket(s, t.id);

      const r = await s.api('POST', `/api/v1/tickets/${t.id}/events`, {
        type: 'customer_replied',
        at: iso(T0 + 15 * MIN),
      });
      const e = expectError(r, 409, 'conflict', 'at', iso(T0 + 15 * MIN), 'waiting_on_customer');
      assert.ok(e.message.includes(iso(T0 + 20 * MIN)), e.message);

      const after = await getTicket(s, t.id);
      assert.deepEqual(after, before);
      assert.equal(after.events.length, 2);
      assert.equal(after.status, 'waiting');
      assert.equal(clockOf(after, 'C-02').state, 'paused');
    });

    it('refuses an event before the ticket was created (409)', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const t = await openTicket(s);
      const r = await s.api('POST', `/api/v1/tickets/${t.id}/events`, {
        type: 'acknowledged',
        at: iso(T0 - 1),
      });
      expectError(r, 409, 'conflict', 'creation', T0_ISO);
      const after = await getTicket(s, t.id);
      assert.deepEqual(after.events, []);
      assert.equal(after.status, 'new');
    });

    it('accepts an event at the same instant as the last one; records "now" when at is left out', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const t = await openTicket(s, { kind: 'problem', priority: 'general' });
      s.time.set(T0 + 7 * MIN);
      await record(s, t.id, 'acknowledged');
      const v = await record(s, t.id, 'classified', {
        at: iso(T0 + 7 * MIN),
        note: 'triaged',
        actor: 'agent-7',
      });
      assert.deepEqual(
        v.events.map((e: any) => ({
          seq: e.seq,
          type: e.type,
          at: e.at,
          recordedAt: e.recordedAt,
        })),
        [
          { seq: 1, type: 'acknowledged', at: iso(T0 + 7 * MIN), recordedAt: iso(T0 + 7 * MIN) },
          { seq: 2, type: 'classified', at: iso(T0 + 7 * MIN), recordedAt: iso(T0 + 7 * MIN) },
        ],
      );
      assert.equal(v.events[1].note, 'triaged');
      assert.equal(v.events[1].actor, 'agent-7');
    });

    it('refuses impossible lifecycle steps (409) and writes nothing', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const t = await openTicket(s, { kind: 'problem', priority: 'general' });
      s.time.set(T0 + HOUR);
      const attempt = (type: string, extra: Record<string, unknown> = {}) =>
        s.api('POST', `/api/v1/tickets/${t.id}/events`, { type, ...extra });

      expectError(await attempt('reopened'), 409, 'conflict', 'reopened', 'new');
      expectError(await attempt('rated', { rating: 5 }), 409, 'conflict', 'rated');
      expectError(await attempt('adopted'), 409, 'conflict', 'adopted', 'suggestion');

      s.time.set(T0 + 5 * MIN);
      await record(s, t.id, 'waiting_on_customer', { at: iso(T0 + 5 * MIN) });
      expectError(
        await attempt('waiting_on_customer'),
        409,
        'conflict',
        'waiting_on_customer',
        'already waiting',
      );

      s.time.set(T0 + 6 * MIN);
      await record(s, t.id, 'customer_replied', { at: iso(T0 + 6 * MIN) });
      s.time.set(T0 + 7 * MIN);
      await record(s, t.id, 'resolved', { at: iso(T0 + 7 * MIN) });
      expectError(await attempt('resolved'), 409, 'conflict', 'resolved', 'reopen it first');
      expectError(await attempt('acknowledged'), 409, 'conflict', 'acknowledged');

      s.time.set(T0 + 8 * MIN);
      await record(s, t.id, 'closed', { at: iso(T0 + 8 * MIN) });
      const before = await getTicket(s, t.id);
      expectError(await attempt('resolved'), 409, 'conflict', 'resolved', 'closed');
      expectError(await attempt('reopened'), 409, 'conflict', 'reopened', 'closed');
      expectError(await attempt('closed'), 409, 'conflict', 'closed');
      const after = await getTicket(s, t.id);
      assert.deepEqual(after, before);
      assert.equal(after.status, 'closed');
      assert.deepEqual(
        after.events.map((e: any) => e.type),
        ['waiting_on_customer', 'customer_replied', 'resolved', 'closed'],
      );
    });

    it('rates a resolved or closed ticket, and a rating can be given again', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const t = await openTicket(s);
      await record(s, t.id, 'resolved');
      let v = await record(s, t.id, 'rated', { rating: 2 });
      assert.equal(v.rating, 2);
      await record(s, t.id, 'closed');
      v = await record(s, t.id, 'rated', { rating: 5 });
      assert.equal(v.rating, 5);
      assert.equal(v.status, 'closed');
      assert.deepEqual(
        v.events.map((e: any) => [e.type, e.rating ?? null]),
        [
          ['resolved', null],
          ['rated', 2],
          ['closed', null],
          ['rated', 5],
        ],
      );
    });

    it('decides a suggestion once', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const t = await openTicket(s, { kind: 'suggestion' });
      const v = await record(s, t.id, 'adopted');
      assert.equal(v.decision, 'adopted');
      expectError(
        await s.api('POST', `/api/v1/tickets/${t.id}/events`, { type: 'rejected' }),
        409,
        'conflict',
        'already adopted',
      );
      expectError(
        await s.api('POST', `/api/v1/tickets/${t.id}/events`, { type: 'adopted' }),
        409,
        'conflict',
      );
      const after = await getTicket(s, t.id);
      assert.equal(after.decision, 'adopted');
      assert.equal(after.events.length, 1);
    });

    it('answers 404 for an event on a ticket that does not exist', async () => {
      const s = server();
      expectError(
        await s.api('POST', '/api/v1/tickets/4242/events', { type: 'acknowledged' }),
        404,
        'not_found',
        '4242',
      );
      expectError(await s.api('GET', '/api/v1/tickets/4242'), 404, 'not_found', '4242');
    });
  });
}
