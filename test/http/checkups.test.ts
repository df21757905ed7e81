import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabases } from '../helpers/databases.js';
import { policyWithAvailability } from '../helpers/availability-policy.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { startHttpTarget, type HttpTarget } from '../sources/probes/helpers/targets.js';
import { expectError, expectStatus } from './support.js';

/** Health-check suites on their schedule (kept as reports, missed ones visible) and stress tests. */
const local = (text: string) => Date.parse(`${text}+08:00`);

for (const db of await testDatabases()) {
  describe(`health checks and stress tests [${db.name}]`, { skip: db.skip }, () => {
    let web: HttpTarget;
    let s: TestServer;
    before(async () => {
      web = await startHttpTarget();
      const policy = policyWithAvailability(`  monitors:
    - { id: web-ok, name: Web, service: web, type: http, url: "${web.url('/ok')}", interval: 1h }
    - { id: web-bad, name: Web maintenance page, service: web2, type: http, url: "${web.url('/fail')}", interval: 1h }
  healthChecks:
    - { id: deep, name: Deep check, monitors: [web-ok, web-bad], at: ["16:10", "20:00"] }
  stressTests:
    - { id: load, name: Weekly load, every: "every week on mon 16:00-18:00", target: "${web.url('/ok')}", requests: 200, concurrency: 4, maxP99: 2s, maxErrorRate: 1% }
    - { id: external, name: Weekly load by k6, every: "every week on sun 03:00-05:00", maxP99: 500ms }`);
      s = await startTestServer(db, { now: '2026-10-05T08:00:00Z', policy }); // Monday 16:00 in Shanghai
    });
    after(async () => {
      await s?.close();
      await web?.close();
    });

    it('runs a suite at its time and keeps the report; a slot the server was down for is marked missed', async () => {
      await s.app.availability.runOnce();
      s.time.set(local('2026-10-05T16:10:00'));
      const signals = await s.app.availability.runOnce();
      assert.ok(
        signals.some((x) => x.type === 'healthcheck.failed' && x.subjectId === 'deep'),
        signals.map((x) => x.type).join(),
      );
      const list = (await s.api('GET', '/api/v1/health-checks')).body;
      const deep = list.suites.find((x: any) => x.id === 'deep');
      assert.deepEqual(deep.at, ['16:10', '20:00']);
      assert.equal(deep.last.status, 'failed');
      assert.equal(deep.last.scheduledAt, new Date(local('2026-10-05T16:10:00')).toISOString());
      assert.equal(deep.last.report.summary, '1 of 2 checks passed');
      assert.deepEqual(
        deep.last.report.results.map((r: any) => [r.monitor, r.ok, r.cause ?? null]),
        [
          ['web-ok', true, null],
          ['web-bad', false, 'status'],
        ],
      );
      const byId = (await s.api('GET', `/api/v1/checkup-runs/${deep.last.id}`)).body;
      assert.equal(byId.report.results.length, 2);

      s.time.set(local('2026-10-06T09:00:00')); // 20:00 came and went without a running server
      const next = await s.app.availability.runOnce();
      assert.ok(
        next.some((x) => x.type === 'healthcheck.missed'),
        next.map((x) => x.type).join(),
      );
      const again = (await s.api('GET', '/api/v1/health-checks')).body.suites.find(
        (x: any) => x.id === 'deep',
      );
      assert.deepEqual(
        again.recent.map((r: any) => r.status),
        ['missed', 'failed'],
      );

      const manual = await s.api('POST', '/api/v1/health-checks/deep/run');
      expectStatus(manual, 201);
      assert.deepEqual([manual.body.source, manual.body.status], ['manual', 'failed']);
      expectError(await s.api('POST', '/api/v1/health-checks/nope/run'), 404, 'not_found', 'deep');
    });

    it('the built-in stress test runs in its window; an external one not posted in its week is missed, and posted results are judged', async () => {
      const tests = (await s.api('GET', '/api/v1/stress-tests')).body.stressTests;
      const load = tests.find((x: any) => x.id === 'load');
      // It ran in Monday's window, on the first pass of the loop.
      assert.equal(load.mode, 'built-in');
      assert.equal(load.status, 'passed', JSON.stringify(load.recent[0]?.report));
      assert.equal(load.lastRun.report.requests, 200);
      assert.equal(load.lastRun.report.errors, 0);

      s.time.set(local('2026-10-11T06:00:00')); // Sunday's 03:00-05:00 window passed with no result
      const signals = await s.app.availability.runOnce();
      assert.ok(
        signals.some((x) => x.type === 'stress.missed' && x.subjectId === 'external'),
        signals.map((x) => x.type).join(),
      );
      let ext = (await s.api('GET', '/api/v1/stress-tests')).body.stressTests.find(
        (x: any) => x.id === 'external',
      );
      assert.deepEqual([ext.mode, ext.status], ['external', 'missed']);

      const posted = await s.api('POST', '/api/v1/stress-tests/external/results', {
        startedAt: '2026-10-11T05:30:00+08:00',
        finishedAt: '2026-10-11T05:40:00+08:00',
        requests: 100000,
        errors: 20,
        p99Ms: 800,
        tool: 'k6',
      });
      expectStatus(posted, 201);
      assert.equal(posted.body.status, 'failed');
      assert.match(posted.body.report.summary, /p99 latency 800ms over 500ms/);
      const good = await s.api('POST', '/api/v1/stress-tests/external/results', {
        startedAt: '2026-10-11T05:45:00+08:00',
        requests: 100000,
        errors: 0,
        p99Ms: 300,
        tool: 'k6',
      });
      assert.equal(good.body.status, 'passed');
      ext = (await s.api('GET', '/api/v1/stress-tests')).body.stressTests.find(
        (x: any) => x.id === 'external',
      );
      assert.equal(ext.status, 'passed');
      expectError(
        await s.api('POST', '/api/v1/stress-tests/external/run'),
        409,
        'conflict',
        'no target',
      );
      expectError(
        await s.api('POST', '/api/v1/stress-tests/external/results', {
          startedAt: 'yesterday',
          requests: 1,
          errors: 0,
        }),
        400,
        'invalid_input',
        'startedAt',
      );
    });
  });
}
