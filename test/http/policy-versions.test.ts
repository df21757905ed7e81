// Terms change from a date, not backwards, on both databases: a restart with a changed policy
// stores a new version and leaves a closed month's clocks, compliance and credits as they were;
// tickets keep the terms they were created under; a month reopened with a reason is re-derived.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import { SuretyError } from '../../src/domain/errors.js';
import { openStore } from '../../src/storage/open-store.js';
import { testDatabases, type TestDatabase } from '../helpers/databases.js';
import { policyFile } from '../helpers/policy.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import {
  addCustomer,
  clockOf,
  compliance,
  entryOf,
  expectError,
  expectStatus,
  getTicket,
  issueToken,
  MIN,
  openTicket,
  record,
  T0,
} from './support.js';

const dbs = await testDatabases();
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** October (Asia/Shanghai) ends 2026-10-31T16:00Z; with closeAfter 10d it closes 2026-11-10T16:00Z. */
const AFTER_CLOSE = '2026-11-12T00:00:00.000Z';

/** A server on an existing database, or a fresh one; `location` survives its closing. */
async function serverOn(
  db: TestDatabase,
  location: { url: string | undefined; dataDir: string },
  now: string,
  policy?: string,
): Promise<TestServer> {
  return startTestServer(db, { location, now, ...(policy ? { policy } : {}) });
}

const withoutTimes = (body: any) => {
  const { generatedAt: _g, ...rest } = body;
  return rest;
};

for (const db of dbs) {
  describe(`policy versions and closed months [${db.name}]`, { skip: db.skip }, () => {
    test('a restart with a changed target leaves the closed month as it was; reopened with a reason, it is re-derived', async () => {
      const location = await db.fresh();
      const first = policyFile([]);
      let s = await serverOn(db, location, new Date(T0).toISOString(), first.path);
      try {
        await addCustomer(s, 'acme'); // 1,000.00 a month: a C-01 breach credits 5 %, 50.00
        const late = await openTicket(s, { customer: 'acme' });
        s.time.set(T0 + 20 * MIN);
        await record(s, late.id, 'acknowledged'); // C-01 (15 min) missed by 5 minutes

        s.time.set(Date.parse(AFTER_CLOSE));
        const credits = (await s.api('GET', '/api/v1/credits?month=2026-10')).body;
        assert.equal(credits.state, 'closed');
        assert.equal(credits.final, true, 'the first read after closing settles the statement');
        assert.deepEqual(
          credits.customers[0].lines.map((l: any) => [l.commitment, l.ticket, l.amount]),
          [['C-01', late.id, 50]],
        );
        const october = await compliance(s, 'month=2026-10');
        assert.equal(entryOf(october, 'C-01').breaches, 1);
        assert.equal(entryOf(october, 'C-01').target, '15m');
        // In November, still open: a ticket created under the first version.
        const november = await openTicket(s, { customer: 'acme' });
        await s.close();

        // The target changed (15 → 30 minutes) and so did the credit (5 → 10 %), from now on.
        const second = policyFile([], { targets: { 'C-01': '30m' }, creditPercent: 10 });
        const restartAt = new Date(Date.parse(AFTER_CLOSE) + 60 * MIN).toISOString();
        s = await serverOn(db, location, restartAt, second.path);
        await s.app.rederived;

        const versions = await s.api('GET', '/api/v1/policy/versions');
        expectStatus(versions, 200);
        assert.deepEqual(
          versions.body.versions.map((v: any) => [v.hash, v.effectiveFrom, v.loadedAt, v.running]),
          [
            [sha256(second.text), restartAt, restartAt, true],
            [sha256(first.text), new Date(T0).toISOString(), new Date(T0).toISOString(), false],
          ],
        );
        assert.equal(versions.body.versions[0].loadedBy.id, 'system');
        const text = await s.api('GET', `/api/v1/policy/versions/${sha256(first.text)}`);
        expectStatus(text, 200);
        assert.equal(text.body.text, first.text);
        const short = await s.api(
          'GET',
          `/api/v1/policy/versions/${sha256(second.text).slice(0, 8)}`,
        );
        assert.equal(short.body.text, second.text);
        expectError(
          await s.api('GET', `/api/v1/policy/versions/${'0'.repeat(64)}`),
          404,
          'not_found',
          'no policy version',
        );

        // October is closed: its compliance and credits are what they were.
        assert.deepEqual(withoutTimes(await compliance(s, 'month=2026-10')), withoutTimes(october));
        assert.deepEqual(
          withoutTimes((await s.api('GET', '/api/v1/credits?month=2026-10')).body),
          withoutTimes(credits),
        );
        // November's ticket keeps the terms it was created under; a new one has the new ones.
        assert.equal(clockOf(await getTicket(s, november.id), 'C-01').targetMs, 15 * MIN);
        const now = await openTicket(s, { customer: 'acme' });
        assert.equal(clockOf(now, 'C-01').targetMs, 30 * MIN);
        assert.equal(clockOf(await getTicket(s, now.id), 'C-01').target, '30m');

        // A correction of the closed month's ticket changes its clocks, but not the issued statement.
        const corrected = await s.api('POST', `/api/v1/tickets/${late.id}/events/1/correct`, {
          at: new Date(T0 + 10 * MIN).toISOString(),
          reason: 'the helpdesk export shifted the answer by ten minutes',
        });
        expectStatus(corrected, 201);
        assert.deepEqual(corrected.body.correction.effects.credits, [
          { customer: 'acme', month: '2026-10', changes: 0 },
        ]);
        assert.deepEqual(
          (await s.api('GET', '/api/v1/credits?month=2026-10')).body.customers,
          credits.customers,
        );

        // Reopening: admin only, with a reason; then the statement is re-derived.
        const agent = await issueToken(s, 'agent');
        expectError(
          await s.api('POST', '/api/v1/months/2026-10/reopen', { reason: 'x' }, agent.token),
          403,
          'forbidden',
        );
        expectError(
          await s.api('POST', '/api/v1/months/2026-10/reopen', { reason: '  ' }),
          400,
          'invalid_input',
          'reason',
        );
        expectError(await s.api('POST', '/api/v1/months/2026-10/reopen', {}), 400, 'invalid_input');
        expectError(
          await s.api('POST', '/api/v1/months/2026-11/reopen', { reason: 'why not' }),
          409,
          'conflict',
          '2026-11 is not closed',
        );
        const reopened = await s.api('POST', '/api/v1/months/2026-10/reopen', {
          reason: 'the corrected answer time must reach the statement',
        });
        expectStatus(reopened, 200);
        assert.equal(reopened.body.state, 'reopened');
        assert.equal(reopened.body.closed, false);
        assert.deepEqual(
          reopened.body.history.map((h: any) => [h.action, h.by.id, h.at]),
          [
            ['closed', 'system', AFTER_CLOSE],
            ['reopened', 'admin', restartAt],
          ],
        );
        assert.match(reopened.body.history[1].reason, /must reach the statement/);

        const rederived = (await s.api('GET', '/api/v1/credits?month=2026-10')).body;
        assert.equal(rederived.state, 'reopened');
        assert.deepEqual(rederived.customers[0].lines, []);
        const voided = (await s.api('GET', '/api/v1/credits/audit?month=2026-10')).body.changes.at(
          -1,
        );
        assert.equal(voided.action, 'voided');
        assert.equal(voided.line, `ticket:${late.id}:C-01:response-timeout-credit`);
        // October's terms are still its own (15 minutes, 5 %): only the facts changed.
        assert.equal(entryOf(await compliance(s, 'month=2026-10'), 'C-01').target, '15m');

        const months = (await s.api('GET', '/api/v1/months', undefined, agent.token)).body;
        assert.deepEqual(
          months.months.map((m: any) => [m.month, m.state]),
          [
            ['2026-11', 'running'],
            ['2026-10', 'reopened'],
          ],
        );
      } finally {
        await s.close();
        await location.cleanup();
      }
    });

    test('a version dated back into an open month governs the tickets created since, not those before', async () => {
      const location = await db.fresh();
      let s = await serverOn(db, location, '2026-10-20T00:00:00.000Z', policyFile([]).path);
      try {
        await addCustomer(s, 'acme');
        const answered = async (at: string) => {
          s.time.set(Date.parse(at));
          const t = await openTicket(s, { customer: 'acme' });
          s.time.set(Date.parse(at) + 20 * MIN);
          await record(s, t.id, 'acknowledged');
          return t;
        };
        const october = await answered('2026-10-20T00:00:00.000Z');
        const november = await answered('2026-11-01T02:00:00.000Z');
        assert.equal(clockOf(await getTicket(s, november.id), 'C-01').state, 'breached');
        await s.close();

        // From 1 November (midnight in Asia/Shanghai), first response within 30 minutes.
        const relaxed = policyFile(['effectiveFrom: 2026-11-01'], { targets: { 'C-01': '30m' } });
        s = await serverOn(db, location, '2026-11-03T01:00:00.000Z', relaxed.path);
        await s.app.rederived;
        const v = (await s.api('GET', '/api/v1/policy/versions')).body.versions[0];
        assert.equal(v.effectiveFrom, '2026-10-31T16:00:00.000Z');
        assert.equal(v.loadedAt, '2026-11-03T01:00:00.000Z');
        assert.equal(clockOf(await getTicket(s, november.id), 'C-01').state, 'met');
        assert.equal(clockOf(await getTicket(s, october.id), 'C-01').state, 'breached');
        const nov = entryOf(await compliance(s, 'month=2026-11'), 'C-01');
        assert.deepEqual([nov.breaches, nov.target], [0, '30m']);
        const oct = entryOf(await compliance(s, 'month=2026-10'), 'C-01');
        assert.deepEqual([oct.breaches, oct.target], [1, '15m']);
      } finally {
        await s.close();
        await location.cleanup();
      }
    });

    test('a version dated before the last one is refused at start, saying where and why, and nothing is stored', async () => {
      const location = await db.fresh();
      let s = await serverOn(db, location, '2026-11-12T00:00:00.000Z', policyFile([]).path);
      await s.close();
      try {
        const earlier = policyFile(['effectiveFrom: 2026-11-11T09:00'], {
          targets: { 'C-01': '30m' },
        });
        const line = earlier.text.split('\n').findIndex((l) => l.startsWith('effectiveFrom')) + 1;
        await assert.rejects(
          serverOn(db, location, '2026-11-12T01:00:00.000Z', earlier.path),
          (err: unknown) => {
            assert.ok(err instanceof SuretyError);
            assert.equal(err.code, 'invalid_input');
            assert.ok(
              err.message.startsWith(
                `${earlier.path}:${line}:16: effectiveFrom 2026-11-11T01:00:00.000Z, which is before 2026-11-12T00:00:00.000Z, from when the version stored last applies`,
              ),
              err.message,
            );
            assert.match(err.message, /set effectiveFrom to 2026-11-12T00:00:00\.000Z or later/);
            return true;
          },
        );
        s = await serverOn(db, location, '2026-11-12T03:00:00.000Z', policyFile([]).path);
        assert.equal((await s.api('GET', '/api/v1/policy/versions')).body.versions.length, 1);
        await addCustomer(s, 'acme');
        const customer = await issueToken(s, 'customer', 'acme');
        expectError(
          await s.api('GET', '/api/v1/policy/versions', undefined, customer.token),
          403,
          'forbidden',
        );
      } finally {
        await s.close();
        await location.cleanup();
      }
    });

    test('a version dated back into a closed month is refused until the month is reopened', async () => {
      const location = await db.fresh();
      let s = await serverOn(db, location, new Date(T0).toISOString(), policyFile([]).path);
      try {
        await addCustomer(s, 'acme');
        s.time.set(Date.parse('2026-10-21T00:00:00.000Z'));
        const t = await openTicket(s, { customer: 'acme' });
        s.time.set(Date.parse('2026-10-21T00:20:00.000Z'));
        await record(s, t.id, 'acknowledged'); // 20 minutes: late under 15, in time under 30
        await s.close();
        const back = policyFile(['effectiveFrom: 2026-10-20'], { targets: { 'C-01': '30m' } });
        await assert.rejects(
          serverOn(db, location, AFTER_CLOSE, back.path),
          /effectiveFrom 2026-10-19T16:00:00\.000Z reaches back into 2026-10, which is closed \(2026-10: closeAfter \(10d\) passed at 2026-11-10T16:00:00\.000Z\).*surety months reopen 2026-10/,
        );
        s = await serverOn(db, location, AFTER_CLOSE, policyFile([]).path);
        expectStatus(
          await s.api('POST', '/api/v1/months/2026-10/reopen', {
            reason: 'the contract said 30 minutes from 20 October; the file was late',
          }),
          200,
        );
        await s.close();
        s = await serverOn(db, location, AFTER_CLOSE, back.path);
        await s.app.rederived;
        assert.equal(
          (await s.api('GET', '/api/v1/policy/versions')).body.versions[0].effectiveFrom,
          '2026-10-19T16:00:00.000Z',
        );
        assert.equal(clockOf(await getTicket(s, t.id), 'C-01').state, 'met');
        assert.equal(entryOf(await compliance(s, 'month=2026-10'), 'C-01').breaches, 0);
      } finally {
        await s.close();
        await location.cleanup();
      }
    });

    test('a database from before versions: open months follow the policy now, closed ones keep their clocks', async () => {
      const location = await db.fresh();
      let s = await serverOn(db, location, '2026-10-20T00:00:00.000Z', policyFile([]).path);
      try {
        await addCustomer(s, 'acme');
        for (const at of ['2026-10-20T00:00:00.000Z', '2026-11-11T02:00:00.000Z']) {
          s.time.set(Date.parse(at));
          const t = await openTicket(s, { customer: 'acme' });
          s.time.set(Date.parse(at) + 20 * MIN);
          await record(s, t.id, 'acknowledged'); // 20 minutes: C-01 (15) missed
        }
        await s.close();
        // As a server before versions left it: no version kept, the hash of a policy now gone.
        const old = await openStore(location);
        const raw = old.db as unknown as Kysely<any>;
        await raw.deleteFrom('policy_versions').execute();
        await raw.deleteFrom('meta').where('key', '=', 'policy.version').execute();
        await old.store.meta.set('policy.hash', 'f'.repeat(64));
        await old.store.close();

        const relaxed = policyFile([], { targets: { 'C-01': '30m' } });
        s = await serverOn(db, location, '2026-11-12T00:00:00.000Z', relaxed.path);
        await s.app.rederived;
        // October closed on the 10th: its clocks stand. November is open: under 30 minutes now.
        assert.equal(entryOf(await compliance(s, 'month=2026-10'), 'C-01').breaches, 1);
        assert.equal(entryOf(await compliance(s, 'month=2026-11'), 'C-01').breaches, 0);
        const versions = (await s.api('GET', '/api/v1/policy/versions')).body.versions;
        assert.deepEqual(
          versions.map((v: any) => v.hash),
          [sha256(relaxed.text)],
        );
      } finally {
        await s.close();
        await location.cleanup();
      }
    });
  });
}
