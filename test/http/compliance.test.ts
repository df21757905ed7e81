// Compliance over a calendar month in the policy's zone (Asia/Shanghai, UTC+8): clock
// attainment for C-01..C-04 with the tickets behind each breach, and the ticket-based
// rates C-09..C-12, with tickets on both sides of the month boundaries.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabases } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import {
  HOUR,
  MIN,
  addCustomer,
  compliance,
  entryOf,
  expectStatus,
  iso,
  record,
  round3,
  serverPerTest,
} from './support.js';

const dbs = await testDatabases();

const NOW = '2026-11-05T00:00:00.000Z';
// October 2026 in Shanghai: [Oct 1 00:00 +08:00, Nov 1 00:00 +08:00).
const OCT_FROM = '2026-09-30T16:00:00.000Z';
const OCT_TO = '2026-10-31T16:00:00.000Z';

const at = (text: string, plusMs = 0) => iso(Date.parse(text) + plusMs);

interface Imported {
  customer?: string;
  kind: string;
  priority?: string;
  createdAt: string;
  events?: Array<{ type: string; at: string; rating?: number }>;
}

const NAMES = [
  'T1',
  'T2',
  'T3',
  'T4',
  'T5',
  'T6',
  'T7',
  'T8',
  'T9',
  'T10',
  'T11',
  'T12',
  'T13',
  'T14',
  'T15',
  'T16',
] as const;
type Name = (typeof NAMES)[number];

/** The history every report below is computed from; names → what each ticket shows. */
const HISTORY: Record<Name, Imported> = {
  // C-01 met (5 min), resolved and rated 3, all in October.
  T1: {
    kind: 'inquiry',
    createdAt: '2026-10-10T01:00:00Z',
    events: [
      { type: 'acknowledged', at: '2026-10-10T01:05:00Z' },
      { type: 'resolved', at: '2026-10-10T02:00:00Z' },
      { type: 'rated', at: '2026-10-10T03:00:00Z', rating: 3 },
    ],
  },
  // C-01 answered after 20 min: breached at 02:15.
  T2: {
    kind: 'inquiry',
    createdAt: '2026-10-10T02:00:00Z',
    events: [{ type: 'acknowledged', at: '2026-10-10T02:20:00Z' }],
  },
  // Urgent: solution after 3 h (C-02 breached at +2h), resolved, closed, rated 5.
  T3: {
    kind: 'problem',
    priority: 'urgent',
    createdAt: '2026-10-11T00:00:00Z',
    events: [
      { type: 'acknowledged', at: '2026-10-11T00:01:00Z' },
      { type: 'solution_provided', at: '2026-10-11T03:00:00Z' },
      { type: 'resolved', at: '2026-10-11T04:00:00Z' },
      { type: 'closed', at: '2026-10-11T05:00:00Z' },
      { type: 'rated', at: '2026-10-11T06:00:00Z', rating: 5 },
    ],
  },
  // General: resolved in 20 h (C-03 met), rated 4.
  T4: {
    kind: 'problem',
    priority: 'general',
    createdAt: '2026-10-12T00:00:00Z',
    events: [
      { type: 'acknowledged', at: '2026-10-12T00:10:00Z' },
      { type: 'resolved', at: '2026-10-12T20:00:00Z' },
      { type: 'rated', at: '2026-10-12T21:00:00Z', rating: 4 },
    ],
  },
  // Complex: staged solution after 80 h (C-04 breached at +72h = Oct 16 00:00Z).
  T5: {
    kind: 'problem',
    priority: 'complex',
    createdAt: '2026-10-13T00:00:00Z',
    events: [
      { type: 'acknowledged', at: '2026-10-13T00:05:00Z' },
      { type: 'staged_solution_provided', at: '2026-10-16T08:00:00Z' },
    ],
  },
  // Opened Sep 30 23:50 Shanghai, never answered: C-01 breaches Oct 1 00:05 Shanghai → October.
  T6: { kind: 'inquiry', createdAt: '2026-09-30T15:50:00Z' },
  // Opened Sep 30 23:30 Shanghai, never answered: breaches 23:45 Shanghai → September.
  T7: { kind: 'inquiry', createdAt: '2026-09-30T15:30:00Z' },
  // The month's one complaint.
  T8: {
    kind: 'complaint',
    createdAt: '2026-10-20T00:00:00Z',
    events: [{ type: 'acknowledged', at: '2026-10-20T00:05:00Z' }],
  },
  // Opened Oct 31 23:59 Shanghai (counts as created in October), answered Nov 1 00:01 (met in November).
  T9: {
    kind: 'inquiry',
    createdAt: '2026-10-31T15:59:00Z',
    events: [{ type: 'acknowledged', at: '2026-10-31T16:01:00Z' }],
  },
  // Opened Nov 1 00:00 Shanghai: November.
  T10: {
    kind: 'inquiry',
    createdAt: '2026-10-31T16:00:00Z',
    events: [{ type: 'acknowledged', at: '2026-10-31T16:01:00Z' }],
  },
  T11: {
    kind: 'suggestion',
    createdAt: '2026-10-21T00:00:00Z',
    events: [
      { type: 'acknowledged', at: '2026-10-21T00:01:00Z' },
      { type: 'adopted', at: '2026-10-21T01:00:00Z' },
    ],
  },
  T12: {
    kind: 'suggestion',
    createdAt: '2026-10-22T00:00:00Z',
    events: [
      { type: 'acknowledged', at: '2026-10-22T00:01:00Z' },
      { type: 'rejected', at: '2026-10-22T01:00:00Z' },
    ],
  },
  // Adopted 1 ms before October began in Shanghai.
  T13: {
    kind: 'suggestion',
    createdAt: '2026-09-28T00:00:00Z',
    events: [
      { type: 'acknowledged', at: '2026-09-28T00:01:00Z' },
      { type: 'adopted', at: '2026-09-30T15:59:59.999Z' },
    ],
  },
  // Closed without ever being resolved.
  T14: {
    kind: 'inquiry',
    createdAt: '2026-10-15T00:00:00Z',
    events: [
      { type: 'acknowledged', at: '2026-10-15T00:01:00Z' },
      { type: 'closed', at: '2026-10-15T01:00:00Z' },
    ],
  },
  // Created in September, adopted at the very first instant of October in Shanghai.
  T15: {
    kind: 'suggestion',
    createdAt: '2026-09-28T01:00:00Z',
    events: [
      { type: 'acknowledged', at: '2026-09-28T01:01:00Z' },
      { type: 'adopted', at: '2026-09-30T16:00:00.000Z' },
    ],
  },
  // Another customer: never answered, breached Oct 5.
  T16: { customer: 'beta', kind: 'inquiry', createdAt: '2026-10-05T00:00:00Z' },
};

type Ids = Record<Name, number>;

async function seed(s: TestServer): Promise<Ids> {
  // acme's contract asks a satisfaction of 3.5 only; everyone else gets the policy's 4.5.
  await addCustomer(s, 'acme', { overrides: { 'C-09': '>= 3.5' } });
  await addCustomer(s, 'beta');
  await addCustomer(s, 'vip', { plan: 'premium' });
  const names = NAMES;
  const tickets = names.map((name) => {
    const h = HISTORY[name];
    return {
      customer: h.customer ?? 'acme',
      kind: h.kind,
      priority: h.priority ?? 'general',
      channel: 'email',
      subject: name,
      externalId: name,
      createdAt: h.createdAt,
      events: h.events ?? [],
    };
  });
  const r = await s.api('POST', '/api/v1/tickets/import', { tickets });
  expectStatus(r, 201);
  assert.equal(r.body.imported, names.length);
  return Object.fromEntries(names.map((n, i) => [n, r.body.ids[i]])) as Ids;
}

const sortedIds = (...ids: number[]) => [...ids].sort((a, b) => a - b);

for (const db of dbs) {
  describe(`compliance: a month of history [${db.name}]`, { skip: db.skip }, () => {
    let s: TestServer;
    let id: Ids;
    before(async () => {
      s = await startTestServer(db, { now: NOW });
      id = await seed(s);
    });
    after(async () => {
      await s?.close();
    });

    it('reports the October window in Asia/Shanghai', async () => {
      const r = await compliance(s, 'month=2026-10');
      assert.deepEqual(r.window, {
        from: OCT_FROM,
        to: OCT_TO,
        label: '2026-10',
        timezone: 'Asia/Shanghai',
      });
      assert.equal(r.customer, null);
      assert.equal(r.generatedAt, NOW);
      assert.deepEqual(
        r.commitments.map((c: any) => c.commitment),
        [
          'C-01',
          'C-02',
          'C-03',
          'C-04',
          'C-05',
          'C-06',
          'C-07',
          'C-08',
          'C-09',
          'C-10',
          'C-11',
          'C-12',
          'R-01',
          'R-02',
          'R-03',
          'F-02',
          'F-03',
        ],
      );
    });

    it('C-01: first responses settled in October, with the tickets that breached', async () => {
      const c = entryOf(await compliance(s, 'month=2026-10'), 'C-01');
      // Met: T1 T3 T4 T5 T8 T11 T12 T14; breached: T2, T6 (Oct 1 00:05 Shanghai), T16.
      // Not October: T7 (Sep 30 23:45 Shanghai), T9/T10 (Nov 1), T13/T15 (September).
      assert.equal(c.target, '15m');
      assert.equal(c.unit, 'percent');
      assert.equal(c.sample, 11);
      assert.equal(c.breaches, 3);
      assert.equal(c.value, round3((8 / 11) * 100));
      assert.equal(c.met, false);
      assert.equal(c.status, 'breached');
      assert.deepEqual(c.tickets, sortedIds(id.T2, id.T6, id.T16));
      const byTicket = new Map(c.evidence.map((e: any) => [e.ticket, e]));
      assert.deepEqual(byTicket.get(id.T2), {
        ticket: id.T2,
        customer: 'acme',
        dueAt: at('2026-10-10T02:00:00Z', 15 * MIN),
        breachedAt: at('2026-10-10T02:00:00Z', 15 * MIN),
      });
      assert.deepEqual(byTicket.get(id.T6), {
        ticket: id.T6,
        customer: 'acme',
        dueAt: at('2026-09-30T15:50:00Z', 15 * MIN),
        breachedAt: at('2026-09-30T15:50:00Z', 15 * MIN),
      });
      assert.deepEqual(byTicket.get(id.T16), {
        ticket: id.T16,
        customer: 'beta',
        dueAt: at('2026-10-05T00:00:00Z', 15 * MIN),
        breachedAt: at('2026-10-05T00:00:00Z', 15 * MIN),
      });
      assert.equal(c.evidence.length, 3);
    });

    it('C-02, C-03, C-04: one clock each', async () => {
      const r = await compliance(s, 'month=2026-10');
      const c02 = entryOf(r, 'C-02');
      assert.deepEqual(
        {
          value: c02.value,
          met: c02.met,
          status: c02.status,
          breaches: c02.breaches,
          sample: c02.sample,
          tickets: c02.tickets,
          target: c02.target,
        },
        {
          value: 0,
          met: false,
          status: 'breached',
          breaches: 1,
          sample: 1,
          tickets: [id.T3],
          target: '2h',
        },
      );
      assert.deepEqual(c02.evidence, [
        {
          ticket: id.T3,
          customer: 'acme',
          dueAt: at('2026-10-11T00:00:00Z', 2 * HOUR),
          breachedAt: at('2026-10-11T00:00:00Z', 2 * HOUR),
        },
      ]);
      const c03 = entryOf(r, 'C-03');
      assert.deepEqual(
        {
          value: c03.value,
          met: c03.met,
          status: c03.status,
          breaches: c03.breaches,
          sample: c03.sample,
          tickets: c03.tickets,
          evidence: c03.evidence,
        },
        { value: 100, met: true, status: 'met', breaches: 0, sample: 1, tickets: [], evidence: [] },
      );
      const c04 = entryOf(r, 'C-04');
      assert.deepEqual(
        {
          value: c04.value,
          met: c04.met,
          status: c04.status,
          breaches: c04.breaches,
          sample: c04.sample,
          tickets: c04.tickets,
        },
        { value: 0, met: false, status: 'breached', breaches: 1, sample: 1, tickets: [id.T5] },
      );
      assert.equal(c04.evidence[0].breachedAt, at('2026-10-13T00:00:00Z', 72 * HOUR));
    });

    it('C-09: the mean rating given in October', async () => {
      const c = entryOf(await compliance(s, 'month=2026-10'), 'C-09');
      assert.equal(c.target, '>= 4.5');
      assert.equal(c.unit, 'score');
      assert.equal(c.value, round3((3 + 5 + 4) / 3));
      assert.equal(c.sample, 3);
      assert.equal(c.met, false);
      assert.equal(c.status, 'breached');
      assert.equal(c.breaches, 1);
      // The ratings under the target, in the order they were given.
      assert.deepEqual(c.tickets, [id.T1, id.T4]);
      assert.deepEqual(
        c.evidence.map((e: any) => e.reason),
        ['rated 3', 'rated 4'],
      );
    });

    it('C-10: of the tickets that ended in October, the share resolved', async () => {
      const c = entryOf(await compliance(s, 'month=2026-10'), 'C-10');
      // Resolved: T1, T3 (also closed, after its resolution), T4. Closed unresolved: T14.
      assert.equal(c.value, round3((3 / 4) * 100));
      assert.equal(c.sample, 4);
      assert.equal(c.met, false);
      assert.equal(c.breaches, 1);
      assert.deepEqual(c.tickets, [id.T14]);
      assert.equal(c.evidence[0].reason, 'closed without a resolution');
    });

    it('C-11: complaints among the tickets opened in October (Shanghai)', async () => {
      const c = entryOf(await compliance(s, 'month=2026-10'), 'C-11');
      // Opened in October: T1-T5, T8, T9 (23:59 Oct 31), T11, T12, T14, T16 = 11; T6, T7 and T10 are not.
      assert.equal(c.sample, 11);
      assert.equal(c.value, round3((1 / 11) * 100));
      assert.equal(c.met, false);
      assert.equal(c.status, 'breached');
      assert.deepEqual(c.tickets, [id.T8]);
      assert.equal(c.target, '<= 2%');
    });

    it('C-12: of the suggestions decided in October, the share adopted', async () => {
      const c = entryOf(await compliance(s, 'month=2026-10'), 'C-12');
      // T15 (at the first instant of October), T11 adopted; T12 rejected; T13 was September.
      assert.equal(c.sample, 3);
      assert.equal(c.value, round3((2 / 3) * 100));
      assert.equal(c.met, false);
      assert.deepEqual(c.tickets, [id.T12]);
      assert.equal(c.evidence[0].reason, 'suggestion rejected');
    });

    it('says which commitments it has no data for, and which it does not measure from tickets', async () => {
      const r = await compliance(s, 'month=2026-10');
      for (const cid of ['F-02', 'F-03']) {
        const e = entryOf(r, cid);
        assert.deepEqual(
          { value: e.value, met: e.met, status: e.status, sample: e.sample, breaches: e.breaches },
          { value: null, met: null, status: 'no_data', sample: 0, breaches: 0 },
          cid,
        );
      }
      // Availability and incident clocks come from monitors and incidents: none here, so no data.
      for (const cid of ['C-05', 'C-06', 'R-01', 'R-02', 'R-03']) {
        const e = entryOf(r, cid);
        assert.deepEqual(
          { value: e.value, met: e.met, status: e.status },
          { value: null, met: null, status: 'no_data' },
          cid,
        );
      }
      for (const cid of ['C-07', 'C-08']) {
        const e = entryOf(r, cid);
        assert.deepEqual(
          { value: e.value, met: e.met, status: e.status },
          { value: null, met: null, status: 'not_measured' },
          cid,
        );
      }
      assert.deepEqual(r.availability, []);
    });

    it('September gets the tickets on its side of the boundary', async () => {
      const r = await compliance(s, 'month=2026-09');
      assert.deepEqual(r.window, {
        from: '2026-08-31T16:00:00.000Z',
        to: OCT_FROM,
        label: '2026-09',
        timezone: 'Asia/Shanghai',
      });
      const c01 = entryOf(r, 'C-01');
      // T7 breached; T13 and T15 met.
      assert.equal(c01.sample, 3);
      assert.equal(c01.breaches, 1);
      assert.equal(c01.value, round3((2 / 3) * 100));
      assert.deepEqual(c01.tickets, [id.T7]);
      const c12 = entryOf(r, 'C-12');
      assert.deepEqual(
        { value: c12.value, sample: c12.sample, met: c12.met, status: c12.status },
        { value: 100, sample: 1, met: true, status: 'met' },
      );
      const c11 = entryOf(r, 'C-11');
      // T6, T7, T13, T15 opened in September; no complaint.
      assert.deepEqual(
        { value: c11.value, sample: c11.sample, met: c11.met, tickets: c11.tickets },
        { value: 0, sample: 4, met: true, tickets: [] },
      );
      assert.equal(entryOf(r, 'C-09').status, 'no_data');
      assert.equal(entryOf(r, 'C-10').status, 'no_data');
      assert.equal(entryOf(r, 'C-02').status, 'no_data');
    });

    it('November gets the tickets answered or opened after midnight Shanghai', async () => {
      const r = await compliance(s, 'month=2026-11');
      const c01 = entryOf(r, 'C-01');
      assert.deepEqual(
        {
          value: c01.value,
          sample: c01.sample,
          met: c01.met,
          status: c01.status,
          breaches: c01.breaches,
        },
        { value: 100, sample: 2, met: true, status: 'met', breaches: 0 },
      );
      const c11 = entryOf(r, 'C-11');
      assert.deepEqual({ value: c11.value, sample: c11.sample }, { value: 0, sample: 1 });
    });

    it('one customer only: its own clocks, rates and targets', async () => {
      const acme = await compliance(s, 'month=2026-10&customer=acme');
      assert.equal(acme.customer, 'acme');
      const c01 = entryOf(acme, 'C-01');
      assert.equal(c01.sample, 10);
      assert.equal(c01.value, round3((8 / 10) * 100));
      assert.deepEqual(c01.tickets, sortedIds(id.T2, id.T6));
      const c11 = entryOf(acme, 'C-11');
      assert.equal(c11.sample, 10);
      assert.equal(c11.value, round3((1 / 10) * 100));
      // acme's own satisfaction target (>= 3.5) is met by the mean of 4.
      const c09 = entryOf(acme, 'C-09');
      assert.equal(c09.target, '>= 3.5');
      assert.equal(c09.value, 4);
      assert.equal(c09.met, true);
      assert.equal(c09.status, 'met');
      assert.deepEqual(c09.tickets, []);

      const beta = await compliance(s, 'month=2026-10&customer=beta');
      const b01 = entryOf(beta, 'C-01');
      assert.deepEqual(
        { value: b01.value, sample: b01.sample, tickets: b01.tickets },
        { value: 0, sample: 1, tickets: [id.T16] },
      );
      const b11 = entryOf(beta, 'C-11');
      assert.deepEqual(
        { value: b11.value, sample: b11.sample, met: b11.met },
        { value: 0, sample: 1, met: true },
      );
      assert.equal(entryOf(beta, 'C-09').status, 'no_data');
      assert.equal(entryOf(beta, 'C-09').target, '>= 4.5');
    });

    it("a premium customer's report shows its plan's targets", async () => {
      const vip = await compliance(s, 'month=2026-10&customer=vip');
      assert.equal(entryOf(vip, 'C-01').target, '10m');
      assert.equal(entryOf(vip, 'C-03').target, '12h');
      assert.equal(entryOf(vip, 'C-02').target, '2h');
      assert.equal(entryOf(vip, 'C-01').status, 'no_data');
    });

    it('a customer token gets its own report', async () => {
      const tok = await s.api('POST', '/api/v1/tokens', { role: 'customer', customer: 'beta' });
      expectStatus(tok, 201);
      const r = await compliance(s, 'month=2026-10', tok.body.token);
      assert.equal(r.customer, 'beta');
      assert.deepEqual(entryOf(r, 'C-01').tickets, [id.T16]);
    });

    it('a date range counts whole Shanghai days, `to` inclusive', async () => {
      const r = await compliance(s, 'from=2026-10-01&to=2026-10-01');
      assert.deepEqual(r.window, {
        from: OCT_FROM,
        to: '2026-10-01T16:00:00.000Z',
        label: '2026-10-01..2026-10-01',
        timezone: 'Asia/Shanghai',
      });
      const c01 = entryOf(r, 'C-01');
      assert.deepEqual(
        { sample: c01.sample, tickets: c01.tickets, value: c01.value },
        { sample: 1, tickets: [id.T6], value: 0 },
      );
      const c12 = entryOf(r, 'C-12');
      assert.deepEqual({ sample: c12.sample, value: c12.value }, { sample: 1, value: 100 });
    });

    it('a date-time range is exact, `to` exclusive', async () => {
      // T6 breached at exactly 2026-09-30T16:05:00Z.
      const without = await compliance(s, 'from=2026-09-30T16:00:00Z&to=2026-09-30T16:05:00Z');
      assert.equal(entryOf(without, 'C-01').sample, 0);
      assert.equal(entryOf(without, 'C-01').status, 'no_data');
      const withIt = await compliance(s, 'from=2026-09-30T16:00:00Z&to=2026-09-30T16:05:00.001Z');
      assert.deepEqual(entryOf(withIt, 'C-01').tickets, [id.T6]);
      // Offsets are honoured: the same instant written in Shanghai time.
      const shanghai = await compliance(
        s,
        `from=${encodeURIComponent('2026-10-01T00:00:00+08:00')}&to=${encodeURIComponent('2026-10-01T00:05:00.001+08:00')}`,
      );
      assert.deepEqual(entryOf(shanghai, 'C-01').tickets, [id.T6]);
    });
  });

  describe(`compliance: live clocks [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db, '2026-10-31T15:50:00.000Z');

    it('settles clocks that ran out since the last sweep, in the month of the breach', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      // Opened Oct 31 23:50 Shanghai; C-01 runs out at Nov 1 00:05 Shanghai.
      const r = await s.api('POST', '/api/v1/tickets', {
        customer: 'acme',
        kind: 'problem',
        priority: 'urgent',
        channel: 'phone',
        subject: 'down',
      });
      expectStatus(r, 201);
      const created = Date.parse('2026-10-31T15:50:00.000Z');
      s.time.set(created + 16 * MIN);
      const oct = await compliance(s, 'month=2026-10');
      assert.equal(entryOf(oct, 'C-01').sample, 0);
      const nov = await compliance(s, 'month=2026-11');
      const c01 = entryOf(nov, 'C-01');
      assert.equal(c01.sample, 1);
      assert.deepEqual(c01.tickets, [r.body.id]);
      assert.equal(c01.evidence[0].breachedAt, iso(created + 15 * MIN));
      // C-02 is still running: not settled, so not counted anywhere yet.
      assert.equal(entryOf(nov, 'C-02').sample, 0);
      // Once the solution comes in time, it counts as met in November.
      await record(s, r.body.id, 'solution_provided');
      const later = await compliance(s, 'month=2026-11');
      assert.deepEqual(
        { sample: entryOf(later, 'C-02').sample, value: entryOf(later, 'C-02').value },
        { sample: 1, value: 100 },
      );
    });

    it('a clock at exactly its deadline is not a breach yet', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const r = await s.api('POST', '/api/v1/tickets', {
        customer: 'acme',
        kind: 'inquiry',
        priority: 'general',
        channel: 'chat',
        subject: 'q',
      });
      expectStatus(r, 201);
      const created = Date.parse('2026-10-31T15:50:00.000Z');
      s.time.set(created + 15 * MIN);
      assert.equal(entryOf(await compliance(s, 'month=2026-11'), 'C-01').sample, 0);
      s.time.set(created + 15 * MIN + 1);
      const c01 = entryOf(await compliance(s, 'month=2026-11'), 'C-01');
      assert.equal(c01.sample, 1);
      assert.equal(c01.breaches, 1);
    });
  });
}
