// Correcting a ticket's history (an imported event that was wrong), on both databases:
// clocks, compliance and the credit ledger follow, with an audit trail naming who and why;
// impossible histories are refused and leave nothing changed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDatabases } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { compliance, entryOf, expectError, expectStatus, issueToken } from './support.js';

const dbs = await testDatabases();

const ticket = (
  customer: string,
  externalId: string,
  kind: string,
  priority: string,
  createdAt: string,
  events: Array<[string, string]>,
) => ({
  customer,
  externalId,
  kind,
  priority,
  channel: 'email',
  subject: externalId,
  createdAt,
  events: events.map(([type, at]) => ({ type, at })),
});

// October 2026 in Asia/Shanghai. C-01 (first response) is 15 minutes around the clock.
const HISTORY = [
  ticket('acme', 'A1', 'inquiry', 'general', '2026-10-05T02:00:00Z', [
    ['acknowledged', '2026-10-05T02:20:00Z'],
    ['resolved', '2026-10-05T03:00:00Z'],
  ]), // C-01 late
  ticket('acme', 'A2', 'inquiry', 'general', '2026-10-06T02:00:00Z', [
    ['acknowledged', '2026-10-06T02:05:00Z'],
    ['resolved', '2026-10-06T03:00:00Z'],
  ]), // in time
  ticket('globex', 'G1', 'inquiry', 'general', '2026-10-20T00:00:00Z', [
    ['acknowledged', '2026-10-20T00:30:00Z'],
  ]), // C-01 late
  ticket('globex', 'G2', 'problem', 'general', '2026-10-21T00:00:00Z', [
    ['acknowledged', '2026-10-21T00:05:00Z'],
    ['resolved', '2026-10-21T06:00:00Z'],
  ]), // C-03 in time
];

const totals = async (s: TestServer) => {
  const r = await s.api('GET', '/api/v1/credits?month=2026-10');
  expectStatus(r, 200);
  return Object.fromEntries(
    r.body.customers.map((c: any) => [
      c.customer,
      { total: c.total, lines: c.lines.map((l: any) => [l.commitment, l.ticket, l.amount]) },
    ]),
  );
};
const audit = async (s: TestServer) =>
  (await s.api('GET', '/api/v1/credits/audit?month=2026-10')).body.changes as any[];

for (const db of dbs) {
  describe(`correcting a ticket's history [${db.name}]`, { skip: db.skip }, () => {
    let s: TestServer;
    let ids: Record<string, number>;
    before(async () => {
      s = await startTestServer(db, { now: '2026-11-10T02:00:00Z' });
      expectStatus(
        await s.api('POST', '/api/v1/customers', {
          id: 'acme',
          name: 'ACME Ltd',
          monthlyFee: 20000,
        }),
        201,
      );
      expectStatus(
        await s.api('POST', '/api/v1/customers', {
          id: 'globex',
          name: 'Globex',
          monthlyFee: 1234.57,
        }),
        201,
      );
      const imported = await s.api('POST', '/api/v1/tickets/import', { tickets: HISTORY });
      expectStatus(imported, 201);
      ids = Object.fromEntries(HISTORY.map((t, i) => [t.externalId, imported.body.ids[i]]));
      await s.app.consequences.runOnce();
    });
    after(async () => {
      await s?.close();
    });

    test('the month as imported: one response timeout each, by hand', async () => {
      assert.deepEqual(await totals(s), {
        acme: { total: 1000, lines: [['C-01', ids.A1, 1000]] }, // 5 % of 20,000.00
        globex: { total: 61.73, lines: [['C-01', ids.G1, 61.73]] }, // 5 % of 1,234.57 = 61.7285, half up
      });
      assert.equal((await audit(s)).length, 2);
      assert.deepEqual(entryOf(await compliance(s, 'month=2026-10'), 'C-01').tickets, [
        ids.A1,
        ids.G1,
      ]);
    });

    test('impossible or empty corrections are refused and change nothing', async () => {
      const path = `/api/v1/tickets/${ids.A1}/events/1/correct`;
      const before = await s.api('GET', `/api/v1/tickets/${ids.A1}`);
      const err = expectError(
        await s.api('POST', path, { type: 'reopened', reason: 'typo' }),
        409,
        'conflict',
        'could not have happened',
        '"reopened" cannot happen while the ticket is new',
      );
      assert.ok(
        err.details?.some((d) => d.path === '/events/0/type'),
        JSON.stringify(err),
      );
      expectError(
        await s.api('POST', path, { at: '2026-10-05T01:00:00Z', reason: 'typo' }),
        409,
        'conflict',
        'before the ticket was opened',
      );
      expectError(
        await s.api('POST', `/api/v1/tickets/${ids.A1}/events/2/correct`, {
          at: '2026-10-05T02:10:00Z',
          type: 'reopened',
          reason: 'typo',
        }),
        409,
        'conflict',
        'reopened',
      );
      expectError(
        await s.api('POST', path, { at: '2026-12-01T00:00:00Z', reason: 'typo' }),
        400,
        'invalid_input',
        'in the future',
      );
      expectError(
        await s.api('POST', path, { at: '2026-10-05T02:20:00Z', reason: 'same' }),
        400,
        'invalid_input',
        'already says that',
      );
      expectError(
        await s.api('POST', path, { reason: 'nothing' }),
        400,
        'invalid_input',
        'say what is wrong',
      );
      expectError(
        await s.api('POST', path, { remove: true, at: '2026-10-05T02:10:00Z', reason: 'both' }),
        400,
        'invalid_input',
        'remove',
      );
      expectError(
        await s.api('POST', path, { at: '2026-10-05T02:10:00Z' }),
        400,
        'invalid_input',
        'reason',
      );
      expectError(
        await s.api('POST', path, { rating: 4, reason: 'rated?' }),
        400,
        'invalid_input',
        'rating',
      );
      expectError(
        await s.api('POST', `/api/v1/tickets/${ids.A1}/events/9/correct`, {
          at: '2026-10-05T02:10:00Z',
          reason: 'x y z',
        }),
        404,
        'not_found',
        'no event 9',
      );
      expectError(
        await s.api('POST', `/api/v1/tickets/999999/events/1/correct`, {
          at: '2026-10-05T02:10:00Z',
          reason: 'x y z',
        }),
        404,
        'not_found',
      );
      const agent = await issueToken(s, 'agent');
      expectError(
        await s.api('POST', path, { at: '2026-10-05T02:10:00Z', reason: 'x y z' }, agent.token),
        403,
        'forbidden',
        'admin',
      );
      const customer = await issueToken(s, 'customer', 'acme');
      expectError(
        await s.api('POST', path, { at: '2026-10-05T02:10:00Z', reason: 'x y z' }, customer.token),
        403,
        'forbidden',
      );
      assert.deepEqual(
        (await s.api('GET', `/api/v1/tickets/${ids.A1}`)).body,
        before.body,
        'the ticket is as it was',
      );
      assert.deepEqual(
        (await s.api('GET', `/api/v1/tickets/${ids.A1}/corrections`)).body.corrections,
        [],
      );
      assert.equal((await audit(s)).length, 2, 'and the ledger too');
    });

    test('a corrected answer withdraws a breach, another adds one; compliance and credits follow, with the audit trail', async () => {
      // G1 was really answered after 12 minutes: its breach no longer stands.
      const g1 = await s.api('POST', `/api/v1/tickets/${ids.G1}/events/1/correct`, {
        at: '2026-10-20T00:12:00Z',
        reason: 'the export from the old helpdesk shifted replies by 18 minutes',
      });
      expectStatus(g1, 201);
      assert.equal(g1.body.correction.by, 'admin');
      assert.equal(g1.body.correction.action, 'event_corrected');
      assert.deepEqual(g1.body.correction.effects.breaches, [
        {
          commitment: 'C-01',
          before: {
            dueAt: '2026-10-20T00:15:00.000Z',
            breachedAt: '2026-10-20T00:15:00.000Z',
            stoppedAt: '2026-10-20T00:30:00.000Z',
          },
          after: null,
        },
      ]);
      assert.deepEqual(g1.body.correction.effects.credits, [
        { customer: 'globex', month: '2026-10', changes: 1 },
      ]);
      assert.equal(g1.body.ticket.events[0].at, '2026-10-20T00:12:00.000Z');
      assert.equal(g1.body.ticket.clocks.find((c: any) => c.commitment === 'C-01').state, 'met');
      // A2's answer was really at 02:30, not 02:05: a new breach.
      const a2 = await s.api('POST', `/api/v1/tickets/${ids.A2}/events/1/correct`, {
        at: '2026-10-06T02:30:00Z',
        reason: 'the agent answered by phone first; the 02:05 mail was an auto-reply',
        by: 'wang-fang',
      });
      expectStatus(a2, 201);
      assert.equal(a2.body.correction.by, 'wang-fang');
      assert.equal(a2.body.ticket.breached, true);

      assert.deepEqual(
        entryOf(await compliance(s, 'month=2026-10'), 'C-01').tickets,
        [ids.A1, ids.A2],
        'G1 is gone from compliance, A2 is in',
      );
      assert.deepEqual(await totals(s), {
        acme: {
          total: 2000,
          lines: [
            ['C-01', ids.A1, 1000],
            ['C-01', ids.A2, 1000],
          ],
        },
        globex: { total: 0, lines: [] },
      });
      const changes = await audit(s);
      assert.equal(changes.length, 4);
      const voided = changes.find((c) => c.action === 'voided');
      assert.equal(voided.customer, 'globex');
      assert.equal(voided.actor, 'admin');
      assert.equal(voided.before.amountMinor, 6173);
      assert.equal(voided.after.status, 'void');
      assert.match(
        voided.reason,
        new RegExp(
          `ticket ${ids.G1} has no C-01 breach in 2026-10 now \\(after correction ${g1.body.correction.id} of ticket ${ids.G1} by admin: the export from the old helpdesk shifted replies`,
        ),
      );
      const added = changes.filter((c) => c.action === 'added').at(-1);
      // The label names the person; the actor recorded is the token that made the correction.
      assert.equal(added.actor, 'admin');
      assert.match(
        added.reason,
        new RegExp(
          `ticket ${ids.A2} breached C-01.*correction ${a2.body.correction.id} of ticket ${ids.A2} by wang-fang`,
        ),
      );

      // Recomputing again (a statement read, the consequences loop) changes nothing.
      await s.app.consequences.runOnce();
      await totals(s);
      await s.app.consequences.runOnce();
      assert.equal((await audit(s)).length, 4);

      const trail = (await s.api('GET', `/api/v1/tickets/${ids.G1}/corrections`)).body.corrections;
      assert.equal(trail.length, 1);
      assert.equal(
        trail[0].reason,
        'the export from the old helpdesk shifted replies by 18 minutes',
      );
      assert.deepEqual(
        [trail[0].before.events[0].at, trail[0].after.events[0].at],
        ['2026-10-20T00:30:00.000Z', '2026-10-20T00:12:00.000Z'],
      );
      const signals = (await s.api('GET', `/api/v1/signals?after=0&limit=500`)).body.signals.filter(
        (x: any) => x.type === 'ticket.corrected',
      );
      assert.deepEqual(
        signals
          .map((x: any) => x.subject?.id ?? x.subjectId)
          .map(Number)
          .sort(),
        [ids.A2, ids.G1].sort(),
      );
      // A customer sees its own ticket's corrections, not another's.
      const acme = await issueToken(s, 'customer', 'acme');
      expectStatus(
        await s.api('GET', `/api/v1/tickets/${ids.A2}/corrections`, undefined, acme.token),
        200,
      );
      expectStatus(
        await s.api('GET', `/api/v1/tickets/${ids.G1}/corrections`, undefined, acme.token),
        404,
      );
    });

    test('a moved event keeps the history in time order; a removed one is struck', async () => {
      // The answer cannot move past the resolution: a resolved ticket takes no answer.
      expectError(
        await s.api('POST', `/api/v1/tickets/${ids.A1}/events/1/correct`, {
          at: '2026-10-05T03:30:00Z',
          reason: 'moved past the resolution',
        }),
        409,
        'conflict',
        'acknowledged',
        'resolved',
      );
      const imported = await s.api('POST', '/api/v1/tickets/import', {
        tickets: [
          ticket('acme', 'A9', 'problem', 'complex', '2026-10-07T00:00:00Z', [
            ['acknowledged', '2026-10-07T00:05:00Z'],
            ['staged_solution_provided', '2026-10-07T10:00:00Z'],
            ['classified', '2026-10-07T11:00:00Z'],
          ]),
        ],
      });
      const a9 = imported.body.ids[0];
      const moved = await s.api('POST', `/api/v1/tickets/${a9}/events/3/correct`, {
        at: '2026-10-07T00:03:00Z',
        reason: 'triaged before the answer; the old helpdesk logged it late',
      });
      expectStatus(moved, 201);
      assert.deepEqual(
        moved.body.ticket.events.map((e: any) => [e.seq, e.type, e.at]),
        [
          [1, 'classified', '2026-10-07T00:03:00.000Z'],
          [2, 'acknowledged', '2026-10-07T00:05:00.000Z'],
          [3, 'staged_solution_provided', '2026-10-07T10:00:00.000Z'],
        ],
      );
      assert.deepEqual(moved.body.correction.effects.breaches, []);
      // Removing A2's answer leaves its breach (same deadline) with another late answer: the line's evidence changes.
      const r = await s.api('POST', `/api/v1/tickets/${ids.A2}/events/1/correct`, {
        remove: true,
        reason: 'the answer was sent to the wrong customer',
      });
      expectStatus(r, 201);
      assert.deepEqual(
        r.body.ticket.events.map((e: any) => [e.seq, e.type]),
        [[1, 'resolved']],
      );
      assert.equal(r.body.correction.action, 'event_removed');
      const [change] = r.body.correction.effects.breaches;
      assert.equal(change.commitment, 'C-01');
      assert.equal(change.before.breachedAt, change.after.breachedAt);
      assert.equal(change.before.stoppedAt, '2026-10-06T02:30:00.000Z');
      assert.notEqual(change.after.stoppedAt, change.before.stoppedAt);
      const changes = await audit(s);
      assert.equal(changes.length, 5);
      assert.equal(changes[4].action, 'changed');
      assert.match(
        changes[4].reason,
        new RegExp(`correction ${r.body.correction.id} of ticket ${ids.A2}`),
      );
      assert.equal((await totals(s)).acme.total, 2000);
    });

    test('re-importing with existing: replace corrects the history as one more correction; identical ones are left alone', async () => {
      expectError(
        await s.api('POST', '/api/v1/tickets/import', { tickets: [HISTORY[3]] }),
        409,
        'conflict',
        'already has ticket',
        'existing',
      );
      expectError(
        await s.api('POST', '/api/v1/tickets/import', {
          tickets: [HISTORY[3]],
          existing: 'replace',
        }),
        400,
        'invalid_input',
        'reason',
      );
      const agent = await issueToken(s, 'agent');
      expectError(
        await s.api(
          'POST',
          '/api/v1/tickets/import',
          { tickets: [HISTORY[3]], existing: 'replace', reason: 'fresh export' },
          agent.token,
        ),
        403,
        'forbidden',
      );
      // G2 was really resolved after 30 h: C-03 (24 h) breached, one more 61.73.
      const corrected = {
        ...HISTORY[3],
        events: [
          { type: 'acknowledged', at: '2026-10-21T00:05:00Z' },
          { type: 'resolved', at: '2026-10-22T06:00:00Z' },
        ],
      };
      const fresh = ticket('globex', 'G3', 'inquiry', 'general', '2026-10-25T00:00:00Z', [
        ['acknowledged', '2026-10-25T00:01:00Z'],
      ]);
      const r = await s.api('POST', '/api/v1/tickets/import', {
        tickets: [corrected, fresh],
        existing: 'replace',
        reason: 'fresh export from the old helpdesk',
        by: 'li-wei',
      });
      expectStatus(r, 201);
      assert.equal(r.body.imported, 1);
      assert.equal(r.body.replaced, 1);
      assert.equal(r.body.ids[0], ids.G2);
      assert.deepEqual(r.body.credits, [{ customer: 'globex', month: '2026-10', changes: 1 }]);
      assert.deepEqual((await totals(s)).globex, {
        total: 61.73,
        lines: [['C-03', ids.G2, 61.73]],
      });
      const trail = (await s.api('GET', `/api/v1/tickets/${ids.G2}/corrections`)).body.corrections;
      assert.equal(trail.at(-1).action, 'history_replaced');
      assert.equal(trail.at(-1).by, 'li-wei');
      // An impossible replacement refuses the whole batch, like any impossible import.
      const bad = {
        ...HISTORY[0],
        events: [
          { type: 'resolved', at: '2026-10-05T03:00:00Z' },
          { type: 'reopened', at: '2026-10-05T03:10:00Z' },
          { type: 'reopened', at: '2026-10-05T03:20:00Z' },
        ],
      };
      const err = expectError(
        await s.api('POST', '/api/v1/tickets/import', {
          tickets: [corrected, bad],
          existing: 'replace',
          reason: 'again',
        }),
        400,
        'invalid_input',
        '"reopened" cannot happen',
        'nothing was imported',
      );
      assert.ok(
        err.details?.some((d) => d.path === '/tickets/1/events/2/type'),
        JSON.stringify(err.details),
      );
      // The same history again: nothing to correct.
      const again = await s.api('POST', '/api/v1/tickets/import', {
        tickets: [corrected],
        existing: 'replace',
        reason: 'fresh export from the old helpdesk',
      });
      expectStatus(again, 201);
      assert.deepEqual(
        [again.body.replaced, again.body.unchanged, again.body.corrections],
        [0, 1, []],
      );
      assert.equal(
        (await s.api('GET', `/api/v1/tickets/${ids.G2}/corrections`)).body.corrections.length,
        trail.length,
      );
      assert.equal((await audit(s)).length, 6);
    });
  });
}
