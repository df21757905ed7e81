import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testDatabases } from '../helpers/databases.js';
import type { TestServer } from '../helpers/server.js';
import { SEC, T0, expectStatus, serverPerTest, probeToken } from './support.js';

/**
 * A monitor's alert (monitor.down) ends with its recovery (monitor.up), as an incident's ends
 * with its resolution; a monitor probed from two locations keeps its alert while either still
 * sees it down.
 */
async function result(s: TestServer, location: string, at: number, ok: boolean) {
  s.time.set(at);
  const r = await s.api(
    'POST',
    `/api/v1/agent/results?location=${location}`,
    {
      results: [
        {
          monitor: 'api',
          result: {
            ok,
            at,
            latencyMs: 5,
            ...(ok ? {} : { cause: 'status', message: 'answered 503' }),
          },
        },
      ],
    },
    await probeToken(s, location),
  );
  expectStatus(r, 200);
}

const monitorAlerts = async (s: TestServer) => {
  await s.app.consequences.runOnce();
  return (await s.api('GET', '/api/v1/alerts?status=all')).body.alerts.filter(
    (a: any) => a.type === 'monitor.down' && a.subject.id === 'api',
  );
};

for (const db of await testDatabases()) {
  describe(`a monitor's own alert [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db);

    it('opens when a location sees it down and resolves only once no location does', async () => {
      const s = server();
      expectStatus(
        await s.api('POST', '/api/v1/monitors', {
          id: 'api',
          service: 'api',
          type: 'http',
          target: 'http://api.test/',
          intervalSeconds: 30,
          failuresBeforeDown: 1,
          locations: ['east', 'west'],
        }),
        201,
      );
      await result(s, 'east', T0, true);
      await result(s, 'west', T0, true);
      assert.deepEqual(await monitorAlerts(s), []);

      await result(s, 'east', T0 + 30 * SEC, false);
      await result(s, 'west', T0 + 31 * SEC, false);
      const [opened] = await monitorAlerts(s);
      assert.equal(opened?.status, 'triggered');

      // East recovers, west still sees it down: the alert stays.
      await result(s, 'east', T0 + 60 * SEC, true);
      assert.deepEqual(
        (await monitorAlerts(s)).map((a: any) => [a.id, a.status]),
        [[opened.id, 'triggered']],
      );

      await result(s, 'west', T0 + 90 * SEC, true);
      const [closed] = await monitorAlerts(s);
      assert.equal(closed.id, opened.id);
      assert.equal(closed.status, 'resolved');
      assert.match(closed.resolution, /^monitor\.up at /);
    });
  });
}
