// A heartbeat's job reports failure (/fail) or its start (/start), not only success, over its
// secret ping URL and over the API, on both databases: a failure is a failed check with the
// job's words as its cause, and moves state, incidents, uptime and alerts like any other.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabases } from '../helpers/databases.js';
import { policyWithAvailability } from '../helpers/availability-policy.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { MIN, SEC, addCustomer, expectError, expectStatus, issueToken } from './support.js';

const monitorOf = async (s: TestServer, id: string) =>
  (await s.api('GET', `/api/v1/monitors/${id}`)).body;
const incidentsOf = async (s: TestServer, service: string) =>
  (await s.api('GET', `/api/v1/incidents?service=${service}`)).body.incidents;
const signalsOf = async (s: TestServer, type: string) =>
  (await s.api('GET', '/api/v1/signals?after=0&limit=500')).body.signals.filter(
    (x: any) => x.type === type,
  );

for (const db of await testDatabases()) {
  describe(`heartbeat failure and start reports [${db.name}]`, { skip: db.skip }, () => {
    let s: TestServer;
    let backup: string;
    let report: string;
    before(async () => {
      const policy = policyWithAvailability(`  monitors:
    - { id: backup, name: Nightly backup, service: backup, type: heartbeat, period: 1h, grace: 5m, interval: 10s, failuresBeforeDown: 1 }
    - { id: report, name: Weekly report, service: report, type: heartbeat, period: 1h, grace: 2m, interval: 10s, failuresBeforeDown: 2 }`);
      s = await startTestServer(db, { policy, now: '2026-10-05T08:00:00Z' });
      backup = (await monitorOf(s, 'backup')).pingPath;
      report = (await monitorOf(s, 'report')).pingPath;
    });
    after(async () => {
      await s?.close();
    });

    it('a job that reports failure is down at once, with its message as the cause, until a success ping', async () => {
      expectStatus(await s.api('GET', backup, undefined, null), 200);
      await s.advance(MIN + 3 * SEC);
      assert.equal((await monitorOf(s, 'backup')).state, 'up');

      // As a cron line sends it: curl -fsS --data-raw "…" URL/fail (form encoding, raw text).
      const failedAt = s.time.now();
      const r = await s.raw('POST', `${backup}/fail`, 'pg_dump: connection\n  refused', {
        'content-type': 'application/x-www-form-urlencoded',
      });
      expectStatus(r, 200);
      assert.deepEqual(r.body, {
        monitor: 'backup',
        kind: 'fail',
        pingedAt: new Date(failedAt).toISOString(),
        message: 'pg_dump: connection refused',
      });
      await s.advance(SEC); // the check it prompted is written with the next flush
      const down = await monitorOf(s, 'backup');
      assert.equal(down.state, 'down');
      assert.equal(
        Date.parse(down.downSince),
        failedAt,
        'down from the report, not from the next scheduled check',
      );
      assert.equal(down.locations[0].lastCheck.cause, 'job_failed');
      assert.equal(
        down.locations[0].lastCheck.message,
        `heartbeat "Nightly backup": the job reported failure at ${new Date(failedAt).toISOString()}: pg_dump: connection refused`,
      );
      const [incident] = await incidentsOf(s, 'backup');
      assert.equal(incident.state, 'open');
      assert.match(incident.title, /^backup is down: .*pg_dump: connection refused$/);
      const [signal] = await signalsOf(s, 'monitor.down');
      assert.equal(signal.data.cause, 'job_failed');
      assert.match(signal.data.message, /pg_dump: connection refused/);

      // Its period is far from over, but a failure stands until the job succeeds.
      await s.advance(30 * SEC);
      assert.equal((await monitorOf(s, 'backup')).state, 'down');
      await s.app.consequences.runOnce();
      const alerts = (await s.api('GET', '/api/v1/alerts?status=open')).body.alerts;
      assert.ok(
        alerts.some((a: any) => a.type === 'monitor.down' && a.subject.id === 'backup'),
        JSON.stringify(alerts),
      );
      const alert = alerts.find((a: any) => a.type === 'incident.opened' && a.service === 'backup');
      assert.equal(alert?.status, 'triggered', JSON.stringify(alerts));

      const recoveredAt = s.time.now();
      expectStatus(await s.api('POST', backup, undefined, null), 200);
      await s.advance(SEC);
      assert.equal((await monitorOf(s, 'backup')).state, 'up');
      assert.equal((await incidentsOf(s, 'backup'))[0].state, 'resolved');
      await s.app.consequences.runOnce();
      assert.equal(
        (await s.api('GET', `/api/v1/alerts/${alert.id}`)).body.status,
        'resolved',
        'the recovery resolves the incident’s alert',
      );
      const monitorAlert = alerts.find(
        (a: any) => a.type === 'monitor.down' && a.subject.id === 'backup',
      );
      const closed = (await s.api('GET', `/api/v1/alerts/${monitorAlert.id}`)).body;
      assert.equal(closed.status, 'resolved', 'monitor.up resolves the monitor’s own alert');
      assert.match(closed.resolution, /^monitor\.up at /);
      const history = (await s.api('GET', '/api/v1/monitors/backup/history')).body;
      assert.deepEqual(
        history.downtimes.map((d: any) => [d.from, d.to, d.cause]),
        [[new Date(failedAt).toISOString(), new Date(recoveredAt).toISOString(), 'job_failed']],
      );
      assert.ok(
        history.hours.reduce((n: number, h: any) => n + h.failures, 0) >= 2,
        'the prompted check and the scheduled ones failed',
      );
      const month = (await s.api('GET', '/api/v1/compliance?month=2026-10')).body.availability.find(
        (a: any) => a.service === 'backup',
      );
      assert.equal(
        month.unplannedDowntimeMs,
        recoveredAt - failedAt,
        'uptime counts the failure, to the millisecond',
      );
    });

    it('over the API with a token, the failure counts as one failed check: failuresBeforeDown still applies', async () => {
      expectStatus(await s.api('POST', '/api/v1/monitors/report/ping'), 200);
      await s.advance(7 * SEC);
      const failedAt = s.time.now();
      const r = await s.api('POST', '/api/v1/monitors/report/ping/fail', {
        msg: 'template missing',
      });
      expectStatus(r, 200);
      assert.equal(r.body.message, 'template missing');
      await s.advance(SEC);
      const failing = await monitorOf(s, 'report');
      assert.equal(failing.state, 'up', 'one failed check is not an outage');
      assert.deepEqual(
        [failing.locations[0].status, failing.locations[0].lastCheck.cause],
        ['failing', 'job_failed'],
      );
      await s.advance(10 * SEC); // the next scheduled check fails too
      const down = await monitorOf(s, 'report');
      assert.equal(down.state, 'down');
      assert.equal(
        Date.parse(down.downSince),
        failedAt,
        'dated from the first failure of the run: the report',
      );
      expectStatus(await s.api('GET', `${report}?msg=ignored`, undefined, null), 200);
      await s.advance(SEC);
      assert.equal((await monitorOf(s, 'report')).state, 'up');
    });

    it('a job that starts has its grace to finish; one that does not is down as unfinished', async () => {
      const startedAt = s.time.now();
      const r = await s.api('GET', `${backup}/start`, undefined, null);
      expectStatus(r, 200);
      assert.equal(r.body.kind, 'start');
      await s.advance(SEC);
      const running = await monitorOf(s, 'backup');
      assert.equal(running.state, 'up');
      assert.match(running.locations[0].lastCheck.message, /is running since/);
      await s.advance(5 * MIN + 10 * SEC);
      const stuck = await monitorOf(s, 'backup');
      assert.equal(stuck.state, 'down');
      assert.equal(stuck.locations[0].lastCheck.cause, 'job_unfinished');
      assert.match(
        stuck.locations[0].lastCheck.message,
        new RegExp(
          `started at ${new Date(startedAt).toISOString()} and did not report success or failure within its 5m grace`,
        ),
      );
      // It finishes after all: up again.
      expectStatus(await s.api('POST', backup, undefined, null), 200);
      await s.advance(SEC);
      assert.equal((await monitorOf(s, 'backup')).state, 'up');
      // Started and finished in time: never down.
      expectStatus(await s.api('POST', `${report}/start`, undefined, null), 200);
      await s.advance(MIN);
      expectStatus(await s.api('POST', report, undefined, null), 200);
      await s.advance(3 * MIN);
      assert.equal((await monitorOf(s, 'report')).locations[0].status, 'up');
    });

    it('refuses what it cannot keep, and says no more about unknown keys than the plain ping does', async () => {
      const plain = expectError(
        await s.api('GET', '/api/v1/ping/not-a-real-key', undefined, null),
        404,
        'not_found',
      );
      for (const path of [
        '/api/v1/ping/not-a-real-key/fail',
        '/api/v1/ping/not-a-real-key/start',
      ]) {
        for (const method of ['GET', 'POST'])
          assert.deepEqual(
            expectError(await s.api(method, path, undefined, null), 404, 'not_found'),
            plain,
            `${method} ${path}`,
          );
      }
      const long = 'x'.repeat(201);
      expectError(
        await s.api('GET', `${backup}/fail?msg=${long}`, undefined, null),
        400,
        'invalid_input',
        'the failure message is 201 characters long; at most 200 are kept',
      );
      expectError(
        await s.raw('POST', `${backup}/fail`, long, { 'content-type': 'text/plain' }),
        400,
        'invalid_input',
        'at most 200',
      );
      expectError(
        await s.api('POST', '/api/v1/ping/not-a-real-key/fail', { msg: long }, null),
        400,
        'invalid_input',
        'at most 200',
      );
      expectError(
        await s.api('POST', '/api/v1/monitors/backup/ping/fail', { msg: 42 }),
        400,
        'invalid_input',
        'msg',
      );
      expectError(
        await s.api('POST', '/api/v1/monitors/backup/ping/fail', { message: 'typo' }),
        400,
        'invalid_input',
        'message',
      );
      expectError(
        await s.api('POST', '/api/v1/monitors/nope/ping/fail'),
        404,
        'not_found',
        'no heartbeat monitor "nope"',
      );
      expectError(
        await s.api('POST', '/api/v1/monitors/backup/ping/fail', undefined, null),
        401,
        'unauthorized',
      );
      await addCustomer(s, 'acme');
      const customer = await issueToken(s, 'customer', 'acme');
      expectError(
        await s.api('POST', '/api/v1/monitors/backup/ping/fail', undefined, customer.token),
        404,
        'not_found',
      );
      // Nothing refused was kept: the backup is still up, 200 characters are fine, and a success may post its whole log.
      await s.advance(15 * SEC);
      assert.equal((await monitorOf(s, 'backup')).state, 'up');
      expectStatus(
        await s.raw('POST', backup, 'y'.repeat(5000), { 'content-type': 'text/plain' }),
        200,
      );
      const ok = await s.raw('POST', `${backup}/fail`, 'msg=disk+full+on+%2Fbackup', {
        'content-type': 'application/x-www-form-urlencoded',
      });
      expectStatus(ok, 200);
      assert.equal(ok.body.message, 'disk full on /backup');
      const exact = await s.api('GET', `${backup}/fail?msg=${'z'.repeat(200)}`, undefined, null);
      expectStatus(exact, 200);
      assert.equal(exact.body.message.length, 200);
    });
  });
}
