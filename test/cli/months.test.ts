// `surety months list|reopen|close` and `surety policy versions` as a separate process beside a
// running server, on both databases. The CLI runs on the real clock (the server on a hand-moved
// one), so October 2026 is closed for it by closeAfter; wrong input is a usage error.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { EXIT, EXIT_CODES } from '../../src/cli/exit-codes.js';
import { monthOf } from '../../src/services/compliance/window.js';
import { surety } from '../helpers/cli.js';
import { testDatabases } from '../helpers/databases.js';
import { policyFile } from '../helpers/policy.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { addCustomer, MIN, openTicket, record, T0 } from '../http/support.js';

describe('help and usage of the months and policy commands', () => {
  for (const args of [
    ['months', '--help'],
    ['months', 'list', '--help'],
    ['months', 'reopen', '--help'],
    ['months', 'close', '--help'],
    ['policy', 'versions', '--help'],
  ]) {
    test(`surety ${args.join(' ')}`, async () => {
      const r = await surety(args);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Usage: surety (months|policy)/);
    });
  }

  test('a reopening without a reason, with a blank one, or of no month is a usage error before the database is opened', async () => {
    const none = await surety(['months', 'reopen', '2026-10', '--data-dir', '/nonexistent/s']);
    assert.equal(none.code, EXIT.usage);
    assert.match(none.stderr, /^error: required option '--reason <text>' not specified/);
    const blank = await surety(['months', 'reopen', '2026-10', '--reason', '  ']);
    assert.equal(blank.code, EXIT.usage);
    assert.match(blank.stderr, /'--reason <text>' argument ' {2}' is invalid\. say why/);
    const month = await surety(['months', 'reopen', 'October', '--reason', 'x']);
    assert.equal(month.code, EXIT.usage);
    assert.match(
      month.stderr,
      /'October' is invalid for argument 'month'\. a month is written like 2026-10/,
    );
  });
});

for (const db of await testDatabases()) {
  describe(`surety months and surety policy versions [${db.name}]`, { skip: db.skip }, () => {
    let s: TestServer;
    let common: string[];
    let policy: { path: string; text: string };
    const cli = (...args: string[]) => surety([...args, ...common]);

    before(async () => {
      policy = policyFile([]);
      s = await startTestServer(db, { now: new Date(T0).toISOString(), policy: policy.path });
      common = [
        '--policy',
        policy.path,
        '--data-dir',
        s.location.dataDir,
        ...(s.location.url ? ['--db', s.location.url] : []),
      ];
      await addCustomer(s, 'acme');
      const t = await openTicket(s, { customer: 'acme' });
      s.time.set(T0 + 20 * MIN);
      await record(s, t.id, 'acknowledged'); // C-01 missed: a 5 % line in October
    });
    after(() => s?.close());

    test('months list: newest first, this month first, October closed by closeAfter', async () => {
      const r = await cli('months', 'list');
      assert.equal(r.code, 0, r.stderr);
      const rows = r.stdout.trim().split('\n');
      assert.match(rows[0]!, /^month\s+state\s+why$/);
      assert.match(rows[2]!, new RegExp(`^${monthOf(Date.now(), 'Asia/Shanghai')}\\s+running`));
      assert.match(
        rows.at(-1)!,
        /^2026-10\s+closed\s+closeAfter \(10d\) passed at 2026-11-10T16:00:00\.000Z$/,
      );
      const json = JSON.parse((await cli('months', 'list', '--output', 'json')).stdout);
      assert.equal(json.months.at(-1).month, '2026-10');
      assert.equal(json.months.at(-1).final, false);
    });

    test('months close issues the statement, reopen opens it again with who, when and why', async () => {
      const closed = await cli('months', 'close', '2026-10', '--reason', 'statement sent to ACME');
      assert.equal(closed.code, 0, closed.stderr);
      assert.match(
        closed.stdout,
        /^2026-10: closed: closed by cli.* at \S+: statement sent to ACME\n/,
      );
      assert.match(closed.stdout, /credits computed a last time: 1 change\n$/);
      const statement = (await s.api('GET', '/api/v1/credits?month=2026-10')).body;
      assert.equal(statement.final, true);
      assert.deepEqual(
        statement.customers[0].lines.map((l: any) => [l.commitment, l.amount]),
        [['C-01', 50]],
      );
      const again = await cli('months', 'close', '2026-10');
      assert.equal(again.code, EXIT_CODES.conflict);
      assert.match(again.stderr, /^error: month: 2026-10 is already closed/);

      const reopened = await cli(
        'months',
        'reopen',
        '2026-10',
        '--reason',
        'the fee was wrong in the contract',
      );
      assert.equal(reopened.code, 0, reopened.stderr);
      assert.match(
        reopened.stdout,
        /^2026-10: reopened: reopened by cli.* at \S+: the fee was wrong in the contract\nclocks re-derived for 1 ticket; the next statement read recomputes the credits\n$/,
      );
      const twice = await cli('months', 'reopen', '2026-10', '--reason', 'once more');
      assert.equal(twice.code, EXIT_CODES.conflict);
      assert.match(twice.stderr, /^error: month: 2026-10 is not closed \(it is reopened: /);

      const month = (await s.api('GET', '/api/v1/months?from=2026-10&to=2026-10')).body.months[0];
      assert.equal(month.state, 'reopened');
      assert.deepEqual(
        month.history.map((h: any) => [h.action, h.by.id, h.reason]),
        [
          ['closed', 'cli', 'statement sent to ACME'],
          ['reopened', 'cli', 'the fee was wrong in the contract'],
        ],
      );
      for (const h of month.history) assert.ok(Date.parse(h.at) > T0, 'server time of the CLI');
    });

    test('policy versions lists the versions and prints one; a changed file run by the CLI is a version too', async () => {
      const hash = createHash('sha256').update(policy.text).digest('hex');
      const table = await cli('policy', 'versions');
      assert.equal(table.code, 0, table.stderr);
      assert.match(
        table.stdout,
        new RegExp(
          `^hash\\s+effective from\\s+loaded at\\s+loaded by\\n[- ]+\\n${hash.slice(0, 12)}\\s+2026-10-05T08:00:00\\.000Z\\s+2026-10-05T08:00:00\\.000Z\\s+system.*running\\n$`,
        ),
      );
      const text = await cli('policy', 'versions', hash.slice(0, 10));
      assert.equal(text.code, 0, text.stderr);
      assert.ok(text.stdout.startsWith(`# policy version ${hash}\n`));
      assert.ok(text.stdout.endsWith(policy.text));
      const unknown = await cli('policy', 'versions', 'abcdef');
      assert.equal(unknown.code, EXIT_CODES.not_found);

      const backwards = policyFile(['effectiveFrom: 2026-10-01'], { targets: { 'C-01': '30m' } });
      const refused = await surety(['policy', 'versions', ...common, '--policy', backwards.path]);
      assert.equal(refused.code, EXIT_CODES.invalid_input);
      assert.match(
        refused.stderr,
        new RegExp(
          `^error: ${backwards.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:16: effectiveFrom 2026-09-30T16:00:00\\.000Z, which is before 2026-10-05T08:00:00\\.000Z`,
        ),
      );
      const changed = policyFile([], { targets: { 'C-01': '30m' } });
      const json = await surety([
        'policy',
        'versions',
        ...common,
        '--policy',
        changed.path,
        '--output',
        'json',
      ]);
      assert.equal(json.code, 0, json.stderr);
      const listed = JSON.parse(json.stdout);
      assert.equal(listed.versions.length, 2);
      assert.equal(
        listed.versions[0].hash,
        createHash('sha256').update(changed.text).digest('hex'),
      );
      assert.equal(listed.versions[0].loadedBy.id, 'cli');
      assert.equal(listed.versions[0].running, true);
    });
  });
}
