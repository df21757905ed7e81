import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabases } from '../helpers/databases.js';
import { policyWithAvailability } from '../helpers/availability-policy.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { startHttpTarget, type HttpTarget } from '../sources/probes/helpers/targets.js';
import { MIN, SEC, expectError, expectStatus } from './support.js';

for (const db of await testDatabases()) {
  describe(
    `monitors declared in the policy, and heartbeats [${db.name}]`,
    { skip: db.skip },
    () => {
      let web: HttpTarget;
      let s: TestServer;
      before(async () => {
        web = await startHttpTarget();
        const policy = policyWithAvailability(`  monitors:
    - { id: self, name: Web, service: web, type: http, url: "${web.url('/ok')}", interval: 30s }
    - { id: backup, name: Nightly backup, service: backup, type: heartbeat, period: 2m, grace: 0s, interval: 10s, failuresBeforeDown: 1 }
  maintenance:
    - { service: web, window: "every day 03:00-03:30" }`);
        s = await startTestServer(db, { policy });
      });
      after(async () => {
        await s?.close();
        await web?.close();
      });

      it('are stored at start and belong to the file: the API cannot change or remove them', async () => {
        const list = (await s.api('GET', '/api/v1/monitors')).body.monitors;
        assert.deepEqual(
          list.map((m: any) => [m.id, m.source, m.type]),
          [
            ['backup', 'policy', 'heartbeat'],
            ['self', 'policy', 'http'],
          ],
        );
        expectError(
          await s.api('PUT', '/api/v1/monitors/self', {
            service: 'web',
            type: 'http',
            target: 'http://x/',
          }),
          409,
          'conflict',
          'policy file',
        );
        expectError(await s.api('DELETE', '/api/v1/monitors/self'), 409, 'conflict', 'policy file');
        const windows = (await s.api('GET', '/api/v1/maintenance')).body.maintenance;
        assert.deepEqual(
          windows.map((w: any) => [w.service, w.every, w.source]),
          [['web', 'every day 03:00-03:30', 'policy']],
        );
        expectError(
          await s.api('DELETE', `/api/v1/maintenance/${windows[0].id}`),
          409,
          'conflict',
          'policy file',
        );
      });

      it('a heartbeat is up while its job pings, down when it is late, and up again at the next ping', async () => {
        const m = (await s.api('GET', '/api/v1/monitors/backup')).body;
        assert.match(m.pingPath, /^\/api\/v1\/ping\/[A-Za-z0-9_-]{20,}$/);
        await s.advance(MIN);
        assert.equal(
          (await s.api('GET', '/api/v1/monitors/backup')).body.state,
          'up',
          'waiting for its first ping',
        );
        expectStatus(await s.api('GET', m.pingPath, undefined, null), 200);
        expectError(
          await s.api('GET', '/api/v1/ping/not-a-real-key', undefined, null),
          404,
          'not_found',
        );
        await s.advance(2 * MIN + 20 * SEC);
        const late = (await s.api('GET', '/api/v1/monitors/backup')).body;
        assert.equal(late.state, 'down');
        assert.equal(late.locations[0].lastCheck.cause, 'late');
        assert.match(late.locations[0].lastCheck.message, /last reported 2m \d+s ago/);
        assert.equal(
          (await s.api('GET', '/api/v1/incidents?service=backup')).body.incidents[0].state,
          'open',
        );
        expectStatus(await s.api('POST', '/api/v1/monitors/backup/ping'), 200);
        await s.advance(20 * SEC);
        assert.equal((await s.api('GET', '/api/v1/monitors/backup')).body.state, 'up');
        assert.equal(
          (await s.api('GET', '/api/v1/incidents?service=backup')).body.incidents[0].state,
          'resolved',
        );
      });
    },
  );
}
