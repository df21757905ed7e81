import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testDatabases } from '../helpers/databases.js';
import type { TestServer } from '../helpers/server.js';
import { HOUR, MIN, T0, addCustomer, expectStatus, serverPerTest, probeToken } from './support.js';

async function post(s: TestServer, monitor: string, at: number, ok: boolean) {
  s.time.set(at);
  expectStatus(
    await s.api(
      'POST',
      '/api/v1/agent/results?location=east',
      {
        results: [
          {
            monitor,
            result: {
              ok,
              at,
              latencyMs: 4,
              ...(ok ? {} : { cause: 'refused', message: 'refused the connection' }),
            },
          },
        ],
      },
      await probeToken(s, 'east'),
    ),
    200,
  );
}

for (const db of await testDatabases()) {
  describe(`the public status page from the monitors [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db);

    it('shows shared services with their state, incidents and daily uptime; a customer’s own service stays private', async () => {
      const s = server();
      assert.equal((await s.api('GET', '/api/v1/status', undefined, null)).body.measured, false);
      await addCustomer(s, 'acme');
      for (const [id, customer] of [
        ['public-api', undefined],
        ['acme-api', 'acme'],
      ] as const) {
        expectStatus(
          await s.api('POST', '/api/v1/monitors', {
            id,
            service: id,
            type: 'tcp',
            target: 'db.example.test:5432',
            failuresBeforeDown: 1,
            locations: ['east'],
            ...(customer ? { customer } : {}),
          }),
          201,
        );
      }
      await post(s, 'public-api', T0, true);
      await post(s, 'public-api', T0 + HOUR, false);
      const page = (await s.api('GET', '/api/v1/status', undefined, null)).body;
      assert.equal(page.measured, true);
      assert.deepEqual(
        page.groups.map((g: any) => [g.id, g.state]),
        [['public-api', 'outage']],
      );
      assert.equal(page.groups[0].incidents[0].state, 'open');
      assert.equal(page.groups[0].uptime90.length, 90);
      await post(s, 'public-api', T0 + HOUR + 30 * MIN, true);
      const after = (await s.api('GET', '/api/v1/status', undefined, null)).body.groups[0];
      assert.equal(after.state, 'operational');
      const today = after.uptime90[89];
      // Watched from 16:00 local (T0) to 17:30: down 30 of 90 minutes.
      assert.equal(today.percent, Math.round((60 / 90) * 100_000) / 1000);
      assert.equal(after.uptime90[88].percent, null, 'nothing was watched the day before');
      const html = await fetch(`${s.url}/status`);
      assert.match(await html.text(), /public-api — operational/);
    });
  });
}
