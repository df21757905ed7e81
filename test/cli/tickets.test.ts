// `surety tickets correct` and `surety tickets corrections` as a separate process beside a
// running server, on both databases: the correction is applied, the credit ledger and its audit
// follow exactly as over the API, and wrong input is one clear line and a non-zero exit.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EXIT, EXIT_CODES } from '../../src/cli/exit-codes.js';
import { surety } from '../helpers/cli.js';
import { testDatabases } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { compliance, entryOf, expectStatus } from '../http/support.js';
import { policyFile } from '../helpers/policy.js';

describe('help on the ticket commands', () => {
  for (const args of [
    ['tickets', '--help'],
    ['tickets', 'correct', '--help'],
    ['tickets', 'corrections', '--help'],
  ]) {
    test(`surety ${args.join(' ')}`, async () => {
      const r = await surety(args);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Usage: surety tickets/);
    });
  }

  test('a ticket or event that is not a number, or no reason, is a usage error before the database is opened', async () => {
    const ticket = await surety([
      'tickets',
      'correct',
      'T-42',
      '1',
      '--reason',
      'typo',
      '--data-dir',
      '/nonexistent/surety',
    ]);
    assert.equal(ticket.code, EXIT.usage);
    assert.equal(
      ticket.stderr.split('\n')[0],
      "error: command-argument value 'T-42' is invalid for argument 'ticket'. a ticket id is a number, like 42.",
    );
    const seq = await surety([
      'tickets',
      'correct',
      '42',
      'first',
      '--reason',
      'typo',
      '--data-dir',
      '/nonexistent/surety',
    ]);
    assert.equal(seq.code, EXIT.usage);
    assert.match(
      seq.stderr,
      /^error: command-argument value 'first' is invalid for argument 'seq'\. an event is named by its number \(seq\), counting from 1/,
    );
    const reason = await surety([
      'tickets',
      'correct',
      '42',
      '1',
      '--at',
      '2026-10-05T02:10:00Z',
      '--data-dir',
      '/nonexistent/surety',
    ]);
    assert.equal(reason.code, EXIT.usage);
    assert.match(reason.stderr, /^error: required option '--reason <text>' not specified/);
    const rating = await surety([
      'tickets',
      'correct',
      '42',
      '1',
      '--rating',
      'four',
      '--reason',
      'typo',
    ]);
    assert.equal(rating.code, EXIT.usage);
    assert.match(
      rating.stderr,
      /^error: option '--rating <n>' argument 'four' is invalid\. a whole number/,
    );
  });
});

const ticket = (
  customer: string,
  externalId: string,
  createdAt: string,
  events: Array<[string, string]>,
) => ({
  customer,
  externalId,
  kind: 'inquiry',
  priority: 'general',
  channel: 'email',
  subject: externalId,
  createdAt,
  events: events.map(([type, at]) => ({ type, at })),
});

// October 2026 in Asia/Shanghai; C-01 (first response) is 15 minutes, 5 % of the monthly fee per breach.
const HISTORY = [
  ticket('acme', 'A1', '2026-10-05T02:00:00Z', [
    ['acknowledged', '2026-10-05T02:20:00Z'],
    ['resolved', '2026-10-05T03:00:00Z'],
  ]), // C-01 late
  ticket('acme', 'A2', '2026-10-06T02:00:00Z', [
    ['acknowledged', '2026-10-06T02:05:00Z'],
    ['resolved', '2026-10-06T03:00:00Z'],
  ]), // in time
  ticket('globex', 'G1', '2026-10-20T00:00:00Z', [['acknowledged', '2026-10-20T00:30:00Z']]), // C-01 late
];

for (const db of await testDatabases()) {
  describe(`surety tickets correct and corrections [${db.name}]`, { skip: db.skip }, () => {
    let s: TestServer;
    let ids: Record<string, number>;
    let common: string[];
    const cli = (...args: string[]) => surety(['tickets', ...args, ...common]);
    const credits = async () =>
      Object.fromEntries(
        (await s.api('GET', '/api/v1/credits?month=2026-10')).body.customers.map((c: any) => [
          c.customer,
          { total: c.total, lines: c.lines.map((l: any) => [l.commitment, l.ticket, l.amount]) },
        ]),
      );
    const audit = async () =>
      (await s.api('GET', '/api/v1/credits/audit?month=2026-10')).body.changes as any[];

    before(async () => {
      // The CLI runs on the real clock, past October's closing; these months close by hand only.
      const policy = policyFile(['closeAfter: never']).path;
      s = await startTestServer(db, { now: '2026-11-10T02:00:00Z', policy });
      common = [
        '--policy',
        policy,
        '--data-dir',
        s.location.dataDir,
        ...(s.location.url ? ['--db', s.location.url] : []),
      ];
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
      assert.deepEqual(await credits(), {
        acme: { total: 1000, lines: [['C-01', ids.A1, 1000]] },
        globex: { total: 61.73, lines: [['C-01', ids.G1, 61.73]] },
      });
    });
    after(async () => {
      await s?.close();
    });

    test('a corrected answer time withdraws the breach: compliance, the ledger and its audit follow, naming the correction and who made it', async () => {
      const r = await cli(
        'correct',
        String(ids.G1),
        '1',
        '--at',
        '2026-10-20T00:12:00Z',
        '--reason',
        'the export shifted replies by 18 minutes',
        '--by',
        'wang-fang',
      );
      assert.equal(r.code, 0, r.stderr);
      assert.match(
        r.stdout,
        new RegExp(
          `^Correction (\\d+) of ticket ${ids.G1} \\(globex\\) by wang-fang at .*: event 1 corrected\\nReason: the export shifted replies by 18 minutes\\n`,
        ),
      );
      assert.match(
        r.stdout,
        /C-01\s+breached 2026-10-20 00:15:00Z, stopped 2026-10-20 00:30:00Z\s+no breach/,
      );
      assert.match(r.stdout, /Credits recomputed: globex 2026-10: 1 change/);
      assert.match(r.stdout, /1\s+acknowledged\s+2026-10-20 00:12:00Z/);
      const id = Number(/^Correction (\d+)/.exec(r.stdout)![1]);

      const after = (await s.api('GET', `/api/v1/tickets/${ids.G1}`)).body;
      assert.equal(after.events[0].at, '2026-10-20T00:12:00.000Z');
      assert.equal(after.clocks.find((c: any) => c.commitment === 'C-01').state, 'met');
      assert.deepEqual(
        entryOf(await compliance(s, 'month=2026-10'), 'C-01').tickets,
        [ids.A1],
        'G1 has left compliance',
      );
      assert.deepEqual((await credits()).globex, { total: 0, lines: [] });
      const changes = await audit();
      assert.equal(changes.length, 3, 'two lines added at import, one voided now');
      const voided = changes.find((c) => c.action === 'voided');
      assert.equal(voided.customer, 'globex');
      // The label names the person; the actor recorded is the CLI that made the correction.
      assert.equal(voided.actor, 'cli');
      assert.equal(voided.before.amountMinor, 6173);
      assert.match(
        voided.reason,
        new RegExp(
          `after correction ${id} of ticket ${ids.G1} by wang-fang: the export shifted replies by 18 minutes`,
        ),
      );

      // The trail as the API and the CLI give it.
      const api = (await s.api('GET', `/api/v1/tickets/${ids.G1}/corrections`)).body;
      const json = await cli('corrections', String(ids.G1), '--output', 'json');
      assert.equal(json.code, 0, json.stderr);
      assert.deepEqual(JSON.parse(json.stdout), api);
      assert.equal(api.corrections[0].by, 'wang-fang');
      assert.deepEqual(api.corrections[0].effects.credits, [
        { customer: 'globex', month: '2026-10', changes: 1 },
      ]);
      const table = await cli('corrections', String(ids.G1));
      assert.match(
        table.stdout,
        new RegExp(
          `^id\\s+at\\s+by\\s+what\\s+breaches\\s+credits\\s+reason\\n[- ]+\\n${id}\\s+\\S+ \\S+\\s+wang-fang\\s+event 1 corrected\\s+C-01 withdrawn\\s+globex 2026-10: 1 change\\s+the export shifted replies by 18 minutes\\n$`,
        ),
      );
      assert.equal(
        (await cli('corrections', String(ids.A1))).stdout,
        `No corrections of ticket ${ids.A1}.\n`,
      );
    });

    test('a moved answer adds a breach, a struck one changes its evidence; the corrector defaults to cli', async () => {
      const moved = await cli(
        'correct',
        String(ids.A2),
        '1',
        '--at',
        '2026-10-06T02:30:00Z',
        '--reason',
        'the 02:05 mail was an auto-reply',
        '--output',
        'json',
      );
      assert.equal(moved.code, 0, moved.stderr);
      const m = JSON.parse(moved.stdout);
      assert.equal(m.correction.by, 'cli');
      assert.deepEqual(
        m.correction.effects.breaches.map((b: any) => [
          b.commitment,
          b.before,
          b.after?.breachedAt,
        ]),
        [['C-01', null, '2026-10-06T02:15:00.000Z']],
      );
      assert.equal(m.ticket.breached, true);
      assert.deepEqual((await credits()).acme, {
        total: 2000,
        lines: [
          ['C-01', ids.A1, 1000],
          ['C-01', ids.A2, 1000],
        ],
      });
      const added = (await audit()).filter((c) => c.action === 'added').at(-1);
      assert.equal(added.actor, 'cli');
      assert.match(
        added.reason,
        new RegExp(
          `ticket ${ids.A2} breached C-01.*correction ${m.correction.id} of ticket ${ids.A2} by cli`,
        ),
      );

      const removed = await cli(
        'correct',
        String(ids.A2),
        '1',
        '--remove',
        '--reason',
        'sent to the wrong customer',
        '--output',
        'json',
      );
      assert.equal(removed.code, 0, removed.stderr);
      const r = JSON.parse(removed.stdout);
      assert.equal(r.correction.action, 'event_removed');
      assert.deepEqual(
        r.ticket.events.map((e: any) => e.type),
        ['resolved'],
      );
      const changes = await audit();
      assert.equal(changes.at(-1).action, 'changed', 'the line stays, with its new late answer');
      assert.match(
        changes.at(-1).reason,
        new RegExp(`correction ${r.correction.id} of ticket ${ids.A2}`),
      );
      assert.equal(
        (await s.api('GET', `/api/v1/tickets/${ids.A2}/corrections`)).body.corrections.length,
        2,
      );
    });

    test('what cannot be corrected is one line on stderr, a non-zero exit, and nothing changed', async () => {
      const before = (await s.api('GET', `/api/v1/tickets/${ids.A1}`)).body;
      const ledger = (await audit()).length;
      const refused = async (
        args: string[],
        message: RegExp,
        code: number = EXIT_CODES.invalid_input,
      ) => {
        const r = await cli('correct', ...args);
        assert.equal(r.code, code, `${args.join(' ')}: ${r.stdout}`);
        assert.equal(r.stdout, '');
        assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
        assert.match(r.stderr, message);
      };
      await refused(
        ['999999', '1', '--at', '2026-10-05T02:10:00Z', '--reason', 'typo'],
        /^error: no ticket 999999\n$/,
        EXIT_CODES.not_found,
      );
      await refused(
        [String(ids.A1), '9', '--at', '2026-10-05T02:10:00Z', '--reason', 'typo'],
        new RegExp(`^error: ticket ${ids.A1} has no event 9; its events are numbered 1 to 2`),
        EXIT_CODES.not_found,
      );
      await refused(
        [String(ids.A1), '1', '--type', 'reopened', '--reason', 'typo'],
        /could not have happened.*"reopened" cannot happen while the ticket is new/,
        EXIT_CODES.conflict,
      );
      await refused(
        [String(ids.A1), '1', '--at', '2099-01-01T00:00:00Z', '--reason', 'typo'],
        /in the future/,
      );
      await refused(
        [String(ids.A1), '1', '--at', 'yesterday', '--reason', 'typo'],
        /"yesterday" is not a date-time with a time zone/,
      );
      await refused(
        [String(ids.A1), '1', '--reason', 'nothing'],
        /say what is wrong with the event/,
      );
      await refused(
        [String(ids.A1), '1', '--remove', '--at', '2026-10-05T02:10:00Z', '--reason', 'both'],
        /either remove: true or the corrected fields/,
      );
      await refused([String(ids.A1), '1', '--rating', '4', '--reason', 'rated?'], /rating/);
      await refused(
        [String(ids.A1), '1', '--at', '2026-10-05T02:10:00Z', '--reason', 'x'],
        /reason/,
      );
      const corrections = await surety(['tickets', 'corrections', '999999', ...common]);
      assert.deepEqual(
        [corrections.code, corrections.stderr],
        [EXIT_CODES.not_found, 'error: no ticket 999999\n'],
      );
      assert.deepEqual(
        (await s.api('GET', `/api/v1/tickets/${ids.A1}`)).body,
        before,
        'the ticket is as it was',
      );
      assert.equal((await audit()).length, ledger, 'and the ledger too');
    });
  });
}
