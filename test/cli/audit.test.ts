// `surety audit verify` beside a running server, on both databases: a log written only through
// Surety verifies (exit 0); a change made directly in the database (an event's time, a credit
// line, an audit entry) is found and named (exit 1); a quoted head proves the log up to it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EXIT } from '../../src/cli/exit-codes.js';
import { behindTheBack } from '../helpers/behind-the-back.js';
import { surety } from '../helpers/cli.js';
import { testDatabases } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { MIN, addCustomer, issueToken, openTicket, record } from '../http/support.js';

for (const db of await testDatabases()) {
  describe(`surety audit verify [${db.name}]`, { skip: db.skip }, () => {
    let s: TestServer;
    let common: string[];
    let ticket: number;
    const verify = (...args: string[]) => surety(['audit', 'verify', ...args, ...common]);

    before(async () => {
      s = await startTestServer(db, { now: '2026-10-05T02:00:00Z' });
      common = [
        '--data-dir',
        s.location.dataDir,
        ...(s.location.url ? ['--db', s.location.url] : []),
      ];
      await addCustomer(s, 'acme', { monthlyFee: 20000 });
      const agent = await issueToken(s, 'agent');
      ticket = (await openTicket(s, { subject: 'printer on fire' }, agent.token)).id;
      await s.time.advance(20 * MIN);
      await record(s, ticket, 'acknowledged', {}, agent.token); // C-01 breached: 15 minutes
      await s.app.sweeper.runOnce();
      await s.app.consequences.runOnce(); // the credit line
      const credits = (await s.api('GET', '/api/v1/credits?month=2026-10')).body;
      assert.equal(credits.customers[0].lines.length, 1, 'one credit line to tamper with');
    });
    after(async () => {
      await s?.close();
    });

    test('a log written only through Surety verifies, with its counts', async () => {
      const r = await verify();
      assert.equal(r.code, 0, r.stderr);
      assert.match(
        r.stdout,
        /^audit log verified: (\d+) entries, 0 signed checkpoints, (\d+) objects; head \d+:[0-9a-f]{64}\n$/,
      );
      const [, entries, objects] = /(\d+) entries, 0 signed checkpoints, (\d+) objects/.exec(
        r.stdout,
      )!;
      // The audit key, the policy version, the customer, the agent's token, the ticket (twice)
      // and the credit line.
      assert.equal(Number(entries), 7);
      assert.equal(Number(objects), 6);
    });

    test('an event whose time is changed in the database is named with the entry it contradicts', async () => {
      const [row] = await behindTheBack(
        s.location,
        'select at from ticket_events where ticket_id = $1 and seq = 1',
        [ticket],
      );
      await behindTheBack(
        s.location,
        'update ticket_events set at = $1 where ticket_id = $2 and seq = 1',
        [Number(row.at) - 10 * MIN, ticket],
      );
      const r = await verify();
      assert.equal(r.code, EXIT.failed);
      assert.match(
        r.stderr,
        new RegExp(
          `^ticket ${ticket} does not match its last audit entry #\\d+ \\(ticket\\.event_added\\): it was changed behind Surety's back\\n`,
        ),
      );
      assert.match(r.stderr, /audit log does NOT verify: 1 problem/);
      await behindTheBack(
        s.location,
        'update ticket_events set at = $1 where ticket_id = $2 and seq = 1',
        [Number(row.at), ticket],
      );
      assert.equal((await verify()).code, 0, 'put back, it verifies again');
    });

    test('a deleted credit line and a rewritten audit entry are found', async () => {
      const lines = await behindTheBack(s.location, 'select * from credit_lines');
      await behindTheBack(s.location, 'delete from credit_lines');
      const gone = await verify();
      assert.equal(gone.code, EXIT.failed);
      assert.match(
        gone.stderr,
        /^credit line 2026-10\/acme\/\S+ is gone, but its last audit entry #\d+ \(credit_line\.added\) recorded it: it was deleted behind Surety's back$/m,
      );
      const cols = Object.keys(lines[0]);
      await behindTheBack(
        s.location,
        `insert into credit_lines (${cols.join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
        cols.map((c) => lines[0][c]),
      );
      assert.equal((await verify()).code, 0);

      const [issued] = (await s.api('GET', '/api/v1/audit?object=token')).body.entries;
      await behindTheBack(
        s.location,
        "update audit_log set actor_id = 'someone-else' where seq = $1",
        [issued.seq],
      );
      const rewritten = await verify();
      assert.equal(rewritten.code, EXIT.failed);
      assert.match(
        rewritten.stderr,
        new RegExp(
          `^entry #${issued.seq} \\(token\\.issued of token ${issued.object.id}\\) was changed: its hash is [0-9a-f]{12}, its content hashes to [0-9a-f]{12}$`,
          'm',
        ),
      );
    });

    test('a ticket inserted directly into the database is named as having no audit entry', async () => {
      const [row] = await behindTheBack(s.location, 'select * from tickets where id = $1', [
        ticket,
      ]);
      const cols = Object.keys(row);
      const values = cols.map((c) => (c === 'id' ? ticket + 1000 : row[c]));
      await behindTheBack(
        s.location,
        `insert into tickets (${cols.join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
        values,
      );
      const r = await verify();
      assert.equal(r.code, EXIT.failed);
      assert.match(
        r.stderr,
        new RegExp(
          `^ticket ${ticket + 1000} has no audit entry: it was written behind Surety's back$`,
          'm',
        ),
      );
    });
  });
}
