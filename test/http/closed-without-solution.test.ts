// Closing is not keeping a promise: a ticket closed before its solution cancels the solution
// clock (left out of compliance, counted beside it), a close after the deadline leaves the
// breach standing, and `closedWithoutSolution: breach` breaks the clock at the close.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_POLICY } from '../../src/runtime/paths.js';
import { testDatabases } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import {
  DAY,
  HOUR,
  MIN,
  T0,
  T0_ISO,
  addCustomer,
  clockOf,
  compliance,
  entryOf,
  expectStatus,
  getTicket,
  iso,
  openTicket,
  record,
  serverPerTest,
} from './support.js';

const dbs = await testDatabases();
const URGENT = { kind: 'problem', priority: 'urgent' };

/** The shipped guarantee with C-02's commented stricter rule switched on. */
function strictPolicyFile(): string {
  const text = readFileSync(DEFAULT_POLICY, 'utf8');
  const strict = text.replace(
    /^ {4}# closedWithoutSolution: breach .*$/m,
    '    closedWithoutSolution: breach',
  );
  assert.notEqual(strict, text, 'the guarantee shows the stricter rule for C-02');
  const file = join(mkdtempSync(join(tmpdir(), 'surety-strict-')), 'guarantee.yaml');
  writeFileSync(file, strict);
  return file;
}

const breachSignals = async (s: TestServer, commitment: string) => {
  const r = await s.api('GET', '/api/v1/signals?type=clock.breached&limit=100');
  expectStatus(r, 200);
  return r.body.signals
    .filter((x: any) => x.commitment === commitment)
    .map((x: any) => [Number(x.subject.id), x.at]);
};

const creditLines = async (s: TestServer, commitment: string) => {
  const r = await s.api('GET', '/api/v1/credits?month=2026-10');
  expectStatus(r, 200);
  return r.body.customers
    .flatMap((c: any) => c.lines)
    .filter((l: any) => l.commitment === commitment)
    .map((l: any) => l.ticket);
};

for (const db of dbs) {
  describe(`tickets closed without a solution [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db);

    it('cancels the solution clock: shown as cancelled, out of attainment, counted beside it', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const unsolved = await openTicket(s, { ...URGENT, subject: 'closed unsolved' });
      const solved = await openTicket(s, { ...URGENT, subject: 'solved' });
      const late = await openTicket(s, { ...URGENT, subject: 'closed late' });
      s.time.set(T0 + 5 * MIN);
      for (const t of [unsolved, solved, late]) await record(s, t.id, 'acknowledged');

      s.time.set(T0 + 30 * MIN);
      const closed = await record(s, unsolved.id, 'closed');
      const c02 = clockOf(closed, 'C-02');
      assert.equal(c02.state, 'cancelled');
      assert.equal(c02.stoppedAt, iso(T0 + 30 * MIN));
      assert.equal(c02.breachedAt, null);
      assert.equal(c02.dueAt, iso(T0 + 2 * HOUR));
      assert.equal(clockOf(closed, 'C-01').state, 'met');
      assert.equal(closed.breached, false);

      s.time.set(T0 + HOUR);
      await record(s, solved.id, 'solution_provided');
      // Closed after its 2 h ran out: the breach stands, dated at the deadline.
      s.time.set(T0 + 3 * HOUR);
      const closedLate = clockOf(await record(s, late.id, 'closed'), 'C-02');
      assert.equal(closedLate.state, 'breached');
      assert.equal(closedLate.breachedAt, iso(T0 + 2 * HOUR));
      assert.equal(closedLate.stoppedAt, iso(T0 + 3 * HOUR));

      // Days later nothing has changed: a cancelled clock never breaches.
      s.time.set(T0 + 10 * DAY);
      const view = await getTicket(s, unsolved.id);
      assert.equal(clockOf(view, 'C-02').state, 'cancelled');
      assert.equal(view.breached, false);

      const c = entryOf(await compliance(s, 'month=2026-10'), 'C-02');
      assert.deepEqual(
        {
          value: c.value,
          sample: c.sample,
          breaches: c.breaches,
          tickets: c.tickets,
          cancelled: c.cancelled,
          cancelledTickets: c.cancelledTickets,
        },
        {
          value: 50,
          sample: 2,
          breaches: 1,
          tickets: [late.id],
          cancelled: 1,
          cancelledTickets: [unsolved.id],
        },
      );
      assert.equal(c.evidence[0].reason, undefined);
      // The first response was given on all three, closing or not.
      const c01 = entryOf(await compliance(s, 'month=2026-10'), 'C-01');
      assert.deepEqual([c01.sample, c01.cancelled], [3, 0]);

      // No breach signal and no credit for the cancelled clock; both for the late one.
      assert.deepEqual(await breachSignals(s, 'C-02'), [[late.id, iso(T0 + 2 * HOUR)]]);
      assert.deepEqual(await creditLines(s, 'C-02'), [late.id]);
    });

    it('a month of cancelled clocks only has nothing to measure: no data, not met', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const t = await openTicket(s, { kind: 'problem', priority: 'general' });
      s.time.set(T0 + 2 * HOUR);
      await record(s, t.id, 'closed');
      const c03 = entryOf(await compliance(s, 'month=2026-10'), 'C-03');
      assert.deepEqual(
        [c03.status, c03.value, c03.sample, c03.cancelled, c03.cancelledTickets],
        ['no_data', null, 0, 1, [t.id]],
      );
    });
  });

  describe(`closedWithoutSolution: breach [${db.name}]`, { skip: db.skip }, () => {
    it('breaks the clock at the close, or at the deadline if that came first', async () => {
      const s = await startTestServer(db, { now: T0_ISO, policy: strictPolicyFile() });
      try {
        await addCustomer(s, 'acme');
        const early = await openTicket(s, { ...URGENT, subject: 'closed early' });
        const late = await openTicket(s, { ...URGENT, subject: 'closed late' });
        s.time.set(T0 + 5 * MIN);
        for (const t of [early, late]) await record(s, t.id, 'acknowledged');

        s.time.set(T0 + 30 * MIN);
        const closed = await record(s, early.id, 'closed');
        const c02 = clockOf(closed, 'C-02');
        assert.equal(c02.state, 'breached');
        assert.equal(c02.breachedAt, iso(T0 + 30 * MIN));
        assert.equal(c02.stoppedAt, iso(T0 + 30 * MIN));
        assert.equal(closed.breached, true);

        s.time.set(T0 + 3 * HOUR);
        const closedLate = clockOf(await record(s, late.id, 'closed'), 'C-02');
        assert.equal(closedLate.breachedAt, iso(T0 + 2 * HOUR));

        const c = entryOf(await compliance(s, 'month=2026-10'), 'C-02');
        assert.deepEqual(
          [c.value, c.sample, c.breaches, c.cancelled, c.tickets],
          [0, 2, 2, 0, [early.id, late.id].sort((a, b) => a - b)],
        );
        const why = new Map(c.evidence.map((e: any) => [e.ticket, e.reason]));
        assert.equal(why.get(early.id), 'closed without a solution');
        assert.equal(why.get(late.id), undefined);
        // Only C-02 is strict: C-03 beside it keeps cancelling.
        const general = await openTicket(s, { kind: 'problem', priority: 'general' });
        await record(s, general.id, 'closed');
        assert.equal(clockOf(await getTicket(s, general.id), 'C-03').state, 'cancelled');

        assert.deepEqual(
          (await breachSignals(s, 'C-02')).sort((a: any, b: any) => a[0] - b[0]),
          [
            [early.id, iso(T0 + 30 * MIN)],
            [late.id, iso(T0 + 2 * HOUR)],
          ].sort((a: any, b: any) => a[0] - b[0]),
        );
        const signals = (await s.api('GET', '/api/v1/signals?type=clock.breached&limit=100')).body
          .signals;
        const data = (id: number) =>
          signals.find((x: any) => x.commitment === 'C-02' && Number(x.subject.id) === id).data;
        // The close broke it while the deadline was still ahead; the message can say so.
        assert.deepEqual(data(early.id), {
          targetMs: 2 * HOUR,
          dueAt: T0 + 2 * HOUR,
          closedWithoutSolution: true,
        });
        assert.deepEqual(data(late.id), { targetMs: 2 * HOUR, dueAt: T0 + 2 * HOUR });
        assert.deepEqual(
          (await creditLines(s, 'C-02')).sort((a: number, b: number) => a - b),
          [early.id, late.id].sort((a, b) => a - b),
        );
      } finally {
        await s.close();
      }
    });
  });
}
