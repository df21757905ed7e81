import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testDatabases } from '../helpers/databases.js';
import type { TestServer } from '../helpers/server.js';
import {
  MIN,
  addCustomer,
  compliance,
  entryOf,
  expectError,
  expectStatus,
  serverPerTest,
  probeToken,
} from './support.js';

/**
 * October 2026 in Asia/Shanghai, on a clock the test moves: check results posted by an agent at
 * chosen instants, two outages (one partly inside declared maintenance), incidents acknowledged
 * or not, and the month's figures against C-05, C-06 and R-01 … R-03. No real waiting.
 */
const t = (local: string) => Date.parse(`2026-10-${local}:00+08:00`);
const OCT_START = '2026-09-30T16:00:00.000Z';

async function post(s: TestServer, at: number, ok: boolean, monitor = 'api') {
  if (s.time.now() < at) s.time.set(at);
  const r = await s.api(
    'POST',
    '/api/v1/agent/results?location=east',
    {
      results: [
        {
          monitor,
          result: ok
            ? { ok, at, latencyMs: 12 }
            : {
                ok,
                at,
                latencyMs: 3,
                cause: 'status',
                message: 'GET http://api/health answered 503, expected 2xx',
              },
        },
      ],
    },
    await probeToken(s, 'east'),
  );
  expectStatus(r, 200);
  assert.equal(r.body.accepted, 1, JSON.stringify(r.body));
}

/** Checks once a minute from `from` (inclusive) to `to` (exclusive), failing or not. */
async function minutes(s: TestServer, from: number, to: number, ok: boolean) {
  for (let at = from; at < to; at += MIN) await post(s, at, ok);
}

for (const db of await testDatabases()) {
  describe(`availability over a month [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db, OCT_START);

    async function october(s: TestServer) {
      await addCustomer(s, 'acme');
      expectStatus(
        await s.api('POST', '/api/v1/monitors', {
          id: 'api',
          service: 'api',
          customer: 'acme',
          type: 'http',
          target: 'http://api.example.test/health',
          intervalSeconds: 60,
          failuresBeforeDown: 2,
          locations: ['east'],
        }),
        201,
      );
      await post(s, t('01T00:00'), true);
      // Outage 1: failing 10:00 and 10:01 (down from 10:00, detected 10:01), back at 10:12.
      await minutes(s, t('07T10:00'), t('07T10:02'), false);
      const [first] = (await s.api('GET', '/api/v1/incidents?service=api')).body.incidents;
      assert.equal(first.state, 'open');
      assert.equal(first.detectedAt, new Date(t('07T10:01')).toISOString());
      s.time.set(t('07T10:05'));
      expectStatus(
        await s.api('POST', `/api/v1/incidents/${first.id}/events`, {
          type: 'acknowledged',
          note: 'on it',
        }),
        201,
      );
      await post(s, t('07T10:12'), true);
      // Maintenance declared on the 10th for the 18th, 02:00-04:00.
      s.time.set(t('10T09:00'));
      const w = await s.api('POST', '/api/v1/maintenance', {
        service: 'api',
        start: '2026-10-18T02:00:00+08:00',
        end: '2026-10-18T04:00:00+08:00',
        title: 'database upgrade',
      });
      expectStatus(w, 201);
      // Outage 2: 03:50 to 04:10, half of it inside the window; nobody acknowledges it.
      await minutes(s, t('18T03:50'), t('18T03:52'), false);
      await post(s, t('18T04:10'), true);
      return first.id as number;
    }

    it('the month’s uptime, unplanned downtime, budget, MTTA and MTTR, maintenance left out', async () => {
      const s = server();
      await october(s);
      s.time.set(t('31T23:59') + 60_000); // 2026-11-01 00:00 local: October is over
      const r = await compliance(s, 'month=2026-10');
      assert.equal(r.availability.length, 1);
      const a = r.availability[0];
      assert.deepEqual(
        { service: a.service, customer: a.customer, locations: a.locations, quorum: a.quorum },
        { service: 'api', customer: 'acme', locations: ['east'], quorum: 1 },
      );
      // 31 days less the 2 h window is measured; 12 + 10 min unplanned, 10 min planned.
      const measured = 31 * 24 * 60 - 120;
      assert.equal(a.unplannedDowntimeMinutes, 22);
      assert.equal(a.unplannedDowntimeMs, 22 * MIN);
      assert.equal(a.plannedDowntimeMinutes, 10);
      assert.equal(a.maintenanceMinutes, 120);
      assert.equal(a.unmonitoredMinutes, 0);
      assert.equal(
        a.uptimePercent,
        Math.round(((measured - 22) / measured) * 100 * 10_000) / 10_000,
      );
      assert.deepEqual([a.uptime.met, a.downtime.met, a.status], [true, true, 'met']);
      assert.deepEqual(a.budget, {
        allowedMinutes: 30,
        usedMinutes: 22,
        remainingMinutes: 8,
        consumedPercent: 73.333,
        limitedBy: 'downtime',
        status: 'met',
      });
      assert.deepEqual(
        a.outages.map((o: any) => [o.from, o.minutes, o.planned]),
        [
          [new Date(t('07T10:00')).toISOString(), 12, false],
          [new Date(t('18T03:50')).toISOString(), 10, true],
          [new Date(t('18T04:00')).toISOString(), 10, false],
        ],
      );
      // MTTA: one acknowledged, 4 min after detection. MTTR: 11 min (10:01 → 10:12) and 19 min (03:51 → 04:10).
      assert.deepEqual(
        [a.incidents, a.mtta, a.mttr, a.unresolved],
        [2, { count: 1, meanMinutes: 4 }, { count: 2, meanMinutes: 15 }, 0],
      );

      const c05 = entryOf(r, 'C-05');
      assert.deepEqual(
        [c05.value, c05.met, c05.status, c05.sample],
        [a.uptimePercent, true, 'met', 1],
      );
      assert.deepEqual(c05.services, [
        { service: 'api', customer: 'acme', value: a.uptimePercent, met: true },
      ]);
      const c06 = entryOf(r, 'C-06');
      assert.deepEqual([c06.value, c06.met, c06.unit], [22 * MIN, true, 'duration']);
      // the second incident went 19 min without an engineer (breached at 15 min); the first was acknowledged in 4.
      const r01 = entryOf(r, 'R-01');
      assert.deepEqual([r01.sample, r01.breaches, r01.value, r01.met], [2, 1, 50, false]);
      assert.equal(r01.incidents[0].breachedAt, new Date(t('18T04:06')).toISOString());
      for (const id of ['R-02', 'R-03'])
        assert.deepEqual(
          [entryOf(r, id).sample, entryOf(r, id).breaches, entryOf(r, id).met],
          [2, 0, true],
          id,
        );

      const breach = (await s.api('GET', '/api/v1/signals?type=clock.breached')).body.signals;
      assert.deepEqual(
        breach.map((x: any) => [x.subject.type, x.commitment, x.at]),
        [['incident', 'R-01', new Date(t('18T04:06')).toISOString()]],
      );

      // September has no monitors yet; the customer sees its own figures.
      assert.deepEqual((await compliance(s, 'month=2026-09')).availability, []);
      const mine = await compliance(s, 'month=2026-10&customer=acme');
      assert.equal(mine.availability[0].unplannedDowntimeMinutes, 22);
    });

    it('a month still running is measured up to now; its budget is the whole month’s', async () => {
      const s = server();
      await october(s);
      s.time.set(t('20T00:00'));
      const a = (await compliance(s, 'month=2026-10')).availability[0];
      assert.equal(a.measuredUntil, new Date(t('20T00:00')).toISOString());
      const measured = 19 * 24 * 60 - 120;
      assert.equal(
        a.uptimePercent,
        Math.round(((measured - 22) / measured) * 100 * 10_000) / 10_000,
      );
      assert.deepEqual([a.budget.allowedMinutes, a.budget.remainingMinutes], [30, 8]);
    });

    it('the credit statement takes its uptime tier and incident breaches from the monitors', async () => {
      const s = server();
      await october(s);
      // Two hours and a half down on the 25th: October's uptime falls below 99.9 % (a 10 % tier).
      await minutes(s, t('25T12:00'), t('25T12:02'), false);
      await post(s, t('25T14:30'), true);
      s.time.set(t('31T23:59') + 60_000);
      const r = await s.api('GET', '/api/v1/credits?month=2026-10&customer=acme');
      expectStatus(r, 200);
      const lines = r.body.customers[0].lines;
      const uptime = lines.find((l: any) => l.kind === 'uptime');
      assert.ok(uptime, JSON.stringify(lines));
      assert.equal(uptime.commitment, 'C-05');
      assert.equal(uptime.percentOfMonthlyFee, 10);
      assert.ok(uptime.uptimePercent < 99.9 && uptime.uptimePercent > 99);
      assert.ok(uptime.incidents.length >= 1);
    });

    it('an outage past the budget breaches C-06, and a maintenance window cannot be declared after the fact', async () => {
      const s = server();
      await october(s);
      await minutes(s, t('25T12:00'), t('25T12:02'), false);
      await post(s, t('25T12:20'), true); // 20 more minutes: 42 in all
      expectError(
        await s.api('POST', '/api/v1/maintenance', {
          service: 'api',
          start: '2026-10-25T11:00:00+08:00',
          end: '2026-10-25T13:00:00+08:00',
        }),
        400,
        'invalid_input',
        'in the past',
        'stays unplanned',
      );
      expectError(
        await s.api('POST', '/api/v1/maintenance', {
          service: 'api',
          start: '2026-10-27T11:00:00+08:00',
          end: '2026-10-27T10:00:00+08:00',
        }),
        400,
        'invalid_input',
        'not after the start',
      );
      expectError(
        await s.api('POST', '/api/v1/maintenance', {
          service: 'api',
          every: 'every fortnight 02:00-03:00',
        }),
        400,
        'invalid_input',
        'fortnight',
      );
      s.time.set(t('31T23:59') + 60_000);
      const r = await compliance(s, 'month=2026-10');
      const a = r.availability[0];
      assert.equal(a.unplannedDowntimeMinutes, 42);
      assert.deepEqual(
        [a.downtime.met, a.uptime.met, a.status, a.budget.remainingMinutes, a.budget.status],
        [false, true, 'breached', -12, 'breached'],
      );
      assert.deepEqual(
        [entryOf(r, 'C-06').met, entryOf(r, 'C-06').breaches, entryOf(r, 'C-05').met],
        [false, 1, true],
      );
    });
  });
}
