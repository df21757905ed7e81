// Alerts end to end on a real server: signals from ticket clocks open alerts, which page
// through real receivers on loopback, climb on a controlled clock, stop when acknowledged,
// fall over when a channel keeps failing, and survive a restart of the outbox.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { Writable } from 'node:stream';
import { resolveConfig } from '../../src/runtime/config.js';
import { createLogger } from '../../src/runtime/logger.js';
import { startServer } from '../../src/runtime/server-app.js';
import { ManualTime } from '../../src/runtime/time.js';
import { testDatabases } from '../helpers/databases.js';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../helpers/server.js';
import { HOUR, MIN, T0, addCustomer, expectStatus, openTicket, record } from '../http/support.js';
import {
  startHttpReceiver,
  startSmtpRecorder,
  type HttpReceiver,
  type SmtpRecorder,
} from './helpers/receivers.js';
import { notificationPolicy } from './helpers/policy.js';

const dbs = await testDatabases();

for (const db of dbs) {
  describe(`alerts and escalation [${db.name}]`, { skip: db.skip }, () => {
    let ding: HttpReceiver;
    let hook: HttpReceiver;
    let smtp: SmtpRecorder;
    let s: TestServer;
    let logLines: string[];
    before(async () => {
      ding = await startHttpReceiver('dingtalk', { secret: 'SEC-test-secret' });
      hook = await startHttpReceiver('webhook', { secret: 'whsec-test' });
      smtp = await startSmtpRecorder();
    });
    after(async () => {
      await ding?.close();
      await hook?.close();
      await smtp?.close();
    });
    const start = async (extra?: string) => {
      logLines = [];
      const sink = new Writable({ write: (chunk, _e, cb) => (logLines.push(String(chunk)), cb()) });
      s = await startTestServer(db, {
        now: new Date(T0).toISOString(),
        policy: notificationPolicy({
          dingtalk: ding.url,
          webhook: hook.url,
          smtpPort: smtp.port,
          extra,
        }),
        logger: createLogger('warn', sink),
      });
      await addCustomer(s, 'acme', { monthlyFee: 20000 });
    };
    beforeEach(() => {
      ding.mode = 'ok';
      ding.received.length = 0;
      hook.received.length = 0;
      smtp.messages.length = 0;
    });
    afterEach(async () => s?.close());

    const pass = async () => {
      await s.app.sweeper.runOnce();
      await s.app.consequences.runOnce();
    };
    const alerts = async (status = 'all') =>
      (await s.api('GET', `/api/v1/alerts?status=${status}`)).body.alerts;

    test('a warning pages whoever is on call, climbs to the team lead after 10 minutes, and stops when acknowledged', async () => {
      await start();
      const t = await openTicket(s, { kind: 'problem', priority: 'general' });
      s.time.advance(1 * MIN);
      await record(s, t.id, 'acknowledged'); // C-01 met: only C-03 (24 h) runs
      s.time.set(T0 + 18 * HOUR + 1 * MIN); // past 75 % of 24 h; Tuesday 10:01 in Shanghai
      await pass();
      const [alert] = await alerts();
      assert.equal(alert.type, 'clock.warning');
      assert.equal(alert.commitment, 'C-03');
      assert.equal(alert.level, 0);
      assert.equal(ding.received.length, 1, 'on call paged at once');
      assert.ok(ding.received[0]!.signatureValid, 'DingTalk signature verifies');
      assert.deepEqual(
        ding.received[0]!.body.at.atMobiles,
        ['13800000002'],
        "Anna is on call in the rotation's second week (from 2026-10-05 09:00)",
      );

      s.time.advance(9 * MIN);
      await pass();
      assert.equal(ding.received.length, 1, 'nothing new before 10 minutes');

      s.time.advance(1 * MIN);
      await pass();
      assert.equal(ding.received.length, 2, 'the team lead at 10 minutes');
      assert.deepEqual(ding.received[1]!.body.at.atMobiles, ['13800000003']);
      assert.match(ding.received[1]!.body.markdown.text, /级别 team-lead/);

      const ack = await s.api('POST', `/api/v1/alerts/${alert.id}/acknowledge`, { note: 'on it' });
      expectStatus(ack, 200);
      assert.equal(ack.body.status, 'acknowledged');
      s.time.set(T0 + 24 * HOUR);
      await pass();
      assert.equal(
        ding.received.length,
        2,
        'no management level and no repeat after the acknowledgement',
      );
      const after = (await s.api('GET', `/api/v1/alerts/${alert.id}`)).body;
      assert.equal(after.level, 1);
      assert.ok(after.log.some((l: any) => l.kind === 'acknowledged' && /on it/.test(l.message)));
    });

    test('the level after the first one is paged on time when nobody is in quiet hours, and the alert repeats until acknowledged', async () => {
      await start();
      s.time.set(Date.parse('2026-10-05T01:00:00Z')); // 09:00 Shanghai
      const t = await openTicket(s, { kind: 'problem', priority: 'general' });
      await record(s, t.id, 'acknowledged');
      s.time.advance(18 * HOUR + MIN); // 03:01 next day: quiet for lead and boss; warnings wait
      await pass();
      const [alert] = await alerts();
      assert.equal(alert.level, 0);
      s.time.advance(10 * MIN);
      await pass();
      // The lead's quiet hours (22:00-08:00) hold a warning until 08:00: paged then, not now.
      const detail = (await s.api('GET', `/api/v1/alerts/${alert.id}`)).body;
      assert.ok(
        detail.log.some(
          (l: any) =>
            l.kind === 'paged' &&
            /team-lead/.test(l.message) &&
            /quiet hours until/.test(l.message),
        ),
        JSON.stringify(detail.log),
      );
      const held = detail.notifications.find((n: any) => n.recipient === 'lead');
      assert.equal(held.status, 'pending');
      assert.equal(held.notBefore, '2026-10-06T00:00:00.000Z', '08:00 in Shanghai');
      const before = ding.received.length;
      await s.api('POST', `/api/v1/alerts/${alert.id}/acknowledge`, { by: 'anna' });
      assert.equal(
        (await s.api('GET', `/api/v1/alerts/${alert.id}`)).body.notifications.find(
          (n: any) => n.recipient === 'lead',
        ).status,
        'cancelled',
        'the held page is dropped once acknowledged',
      );
      s.time.advance(4 * HOUR); // the 90 % warning comes and folds into the acknowledged alert
      await pass();
      assert.equal(ding.received.length, before);
      // A breach is critical: quiet hours do not hold it. Expedited: management first.
      const u = await openTicket(s, { kind: 'inquiry', priority: 'general' });
      s.time.advance(15 * MIN + 1);
      await pass();
      const breach = (await alerts('open')).find((a: any) => a.type === 'clock.breached');
      assert.ok(breach, 'the breach opened an alert');
      assert.equal(breach.subject.id, String(u.id));
      assert.equal(breach.expedite, true);
      assert.equal(breach.level, 2, 'escalation starts at management');
      const bossAbout = () =>
        ding.received.filter(
          (r) =>
            r.body.at.atMobiles[0] === '13800000004' && r.body.markdown.title.includes(`#${u.id}`),
        );
      const toBoss = bossAbout();
      assert.equal(toBoss.length, 1, 'the manager is paged at once, at night, for a breach');
      assert.match(toBoss[0]!.body.markdown.title, /【加急】C-01 已超时/);
      s.time.advance(30 * MIN);
      await pass();
      assert.equal(bossAbout().length, 2, 'repeated once after 30 minutes');
      s.time.advance(2 * HOUR);
      await pass();
      assert.equal(bossAbout().length, 2, 'repeat: times 1');
    });

    test('a breached clock opens the expedite channel: the ticket is flagged and first in every queue view', async () => {
      await start();
      const feedback = await openTicket(s, { kind: 'feedback', priority: 'general' });
      await record(s, feedback.id, 'acknowledged'); // C-01 met; F-02 (10 min, no expedite) will breach
      s.time.advance(1 * MIN);
      const inquiry = await openTicket(s, { kind: 'inquiry', priority: 'general' });
      s.time.set(T0 + 17 * MIN);
      await pass();
      const queue = (await s.api('GET', '/api/v1/tickets?order=queue')).body.tickets;
      assert.deepEqual(
        queue.map((t: any) => [t.id, t.expedited, t.breached]),
        [
          [inquiry.id, true, true],
          [feedback.id, false, true],
        ],
      );
      const active = (await s.api('GET', '/api/v1/tickets?status=active&order=queue')).body.tickets;
      assert.equal(active[0].id, inquiry.id);
      const only = (await s.api('GET', '/api/v1/tickets?expedited=true')).body.tickets;
      assert.deepEqual(
        only.map((t: any) => t.id),
        [inquiry.id],
      );
      const ticket = (await s.api('GET', `/api/v1/tickets/${inquiry.id}`)).body;
      assert.equal(ticket.expeditedAt, new Date(T0 + 16 * MIN).toISOString());
      // Its alert starts at management; the feedback breach (no expedite) at the on-call level.
      const open = await alerts('open');
      assert.equal(open.find((a: any) => a.subject.id === String(inquiry.id)).level, 2);
      assert.equal(open.find((a: any) => a.subject.id === String(feedback.id)).level, 0);
      // The late answer settles the alert; the expedite flag stays with the breach.
      await record(s, inquiry.id, 'acknowledged');
      await pass();
      const settled = (
        await s.api(
          'GET',
          `/api/v1/alerts/${open.find((a: any) => a.subject.id === String(inquiry.id)).id}`,
        )
      ).body;
      assert.equal(settled.status, 'resolved');
      assert.match(settled.resolution, /clock stopped/);
    });

    test('a channel that keeps failing falls over to the next one, and the fall-over is reported', async () => {
      await start();
      ding.mode = 'error500';
      await openTicket(s, { kind: 'inquiry', priority: 'general' });
      s.time.advance(15 * MIN + 1);
      await pass();
      assert.equal(ding.received.length, 1, 'tried once');
      assert.equal(
        smtp.messages.length,
        0,
        'not yet fallen over: one more attempt is due in a minute',
      );
      s.time.advance(1 * MIN);
      await pass();
      assert.equal(ding.received.length, 2, 'second attempt');
      assert.equal(smtp.messages.length, 1, 'then the e-mail');
      const mail = smtp.messages[0]!;
      assert.equal(
        (Array.isArray(mail.to) ? mail.to : [mail.to])[0]!.value[0]!.address,
        'boss@example.com',
      );
      assert.match(mail.text ?? '', /ops-dingtalk failed 2 times: 127\.0\.0\.1:\d+ answered 500/);
      const [alert] = await alerts();
      const detail = (await s.api('GET', `/api/v1/alerts/${alert.id}`)).body;
      const n = detail.notifications[0];
      assert.equal(n.status, 'delivered');
      assert.equal(n.deliveredVia, 'mail');
      assert.deepEqual(
        n.log.map((a: any) => [a.channel, a.outcome]),
        [
          ['ops-dingtalk', 'failed'],
          ['ops-dingtalk', 'failed'],
          ['mail', 'delivered'],
        ],
      );
      assert.ok(detail.log.some((l: any) => l.kind === 'failed_over'));
      const signals = (await s.api('GET', '/api/v1/signals?type=notification.failed_over')).body
        .signals;
      assert.equal(signals.length, 1);
      assert.ok(
        logLines.some((l) => /falling over to mail/.test(l)),
        'logged',
      );
      assert.equal(
        (await alerts('open')).length,
        1,
        'the report about the notification pages no one (the warnings were superseded by the breach)',
      );
    });

    test('a template that names a missing field is logged, and the message still goes out', async () => {
      await start(`  templates:
    clock.breached:
      zh: { title: "超时 {{ticket.nothing}}", body: "{{commitment.name}}" }`);
      await openTicket(s, { kind: 'inquiry', priority: 'general' });
      s.time.advance(15 * MIN + 1);
      await pass();
      assert.equal(ding.received.length, 1);
      assert.match(
        ding.received[0]!.body.markdown.title,
        /C-01 已超时/,
        'the built-in template stood in',
      );
      const n = (await s.api('GET', '/api/v1/notifications')).body.notifications[0];
      assert.equal(n.status, 'delivered');
      assert.match(
        n.log[0].detail,
        /policy template "clock.breached" \(zh\) cannot be rendered: it refers to "nothing", which this event does not have/,
      );
      assert.ok(logLines.some((l) => /template error/.test(l) && /nothing/.test(l)));
    });

    test('on call now: the rotation and its overrides', async () => {
      await start();
      const now = (await s.api('GET', '/api/v1/oncall')).body;
      assert.equal(
        now.schedules[0].onCall.id,
        'anna',
        'second week of the rotation that began 2026-09-28 09:00',
      );
      assert.equal(now.schedules[0].until, '2026-10-12T01:00:00.000Z');
      const override = (await s.api('GET', '/api/v1/oncall?at=2026-10-20T12:00:00%2B08:00')).body;
      assert.deepEqual(
        [override.schedules[0].onCall.id, override.schedules[0].override],
        ['lead', true],
      );
      const night = (await s.api('GET', '/api/v1/oncall?at=2026-10-05T23:00:00%2B08:00')).body;
      assert.deepEqual(night.quiet.map((q: any) => q.id).sort(), ['boss', 'lead']);
    });
  });

  describe(`the outbox across a restart [${db.name}]`, { skip: db.skip }, () => {
    test('a notification pending at shutdown is delivered once after the restart, and nothing is read twice', async () => {
      const hook = await startHttpReceiver('webhook', { secret: 'whsec-test' });
      const smtp = await startSmtpRecorder();
      const location = await db.fresh();
      const policy = notificationPolicy({
        dingtalk: hook.url,
        webhook: hook.url,
        smtpPort: smtp.port,
        routeChannels: 'hook',
      });
      const time = new ManualTime(T0);
      const config = resolveConfig(
        { port: '0', dataDir: location.dataDir, db: location.url, adminToken: ADMIN_TOKEN, policy },
        {},
      );
      const boot = () =>
        startServer(config, { time, logger: createLogger('silent'), sweepIntervalMs: 0 });
      try {
        let app = await boot();
        const call = (path: string, body?: unknown) =>
          fetch(`${app.url}${path}`, {
            method: body ? 'POST' : 'GET',
            headers: {
              authorization: `Bearer ${ADMIN_TOKEN}`,
              ...(body ? { 'content-type': 'application/json' } : {}),
            },
            body: body ? JSON.stringify(body) : undefined,
          }).then((r) => r.json() as Promise<any>);
        await call('/api/v1/customers', { id: 'acme', name: 'ACME', monthlyFee: 100 });
        for (const subject of ['a', 'b', 'c'])
          await call('/api/v1/tickets', {
            customer: 'acme',
            kind: 'inquiry',
            priority: 'general',
            channel: 'web',
            subject,
          });
        hook.mode = 'error500';
        time.advance(15 * MIN + 1);
        await app.sweeper.runOnce();
        await app.consequences.runOnce();
        assert.equal(hook.received.length, 3, 'three pages tried, all refused');
        const before = (await call('/api/v1/alerts?status=all')).total;
        await app.close();

        hook.mode = 'ok';
        hook.received.length = 0;
        app = await boot();
        await app.consequences.runOnce();
        assert.equal(hook.received.length, 0, 'retries wait for their backoff');
        time.advance(1 * MIN);
        await app.consequences.runOnce();
        await app.consequences.runOnce();
        const ids = hook.received.map((r) => r.headers['x-surety-delivery']);
        assert.equal(ids.length, 3, 'each delivered');
        assert.equal(new Set(ids).size, 3, 'none twice');
        assert.ok(hook.received.every((r) => r.signatureValid));
        const alerts = await call('/api/v1/alerts?status=all');
        assert.equal(alerts.total, before, 'the signals were not read again after the restart');
        assert.equal((await call('/api/v1/alerts')).total, 3, 'one open alert per breach');
        const log = await call('/api/v1/notifications?status=delivered');
        assert.equal(log.total, 3);
        await app.close();
      } finally {
        await hook.close();
        await smtp.close();
        await location.cleanup();
      }
    });
  });
}
