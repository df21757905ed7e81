import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testDatabases } from '../helpers/databases.js';
import type { TestServer } from '../helpers/server.js';
import {
  addCustomer,
  expectError,
  expectStatus,
  issueToken,
  probeToken,
  serverPerTest,
} from './support.js';

/**
 * A check result is evidence of a location's uptime, so only the probe token issued for that
 * location may report it (or fetch its monitors, which counts as the agent being heard from).
 * Staff and customer tokens, and another location's probe token, are refused and leave no trace.
 */
const results = (s: TestServer) => ({
  results: [{ monitor: 'api', result: { ok: true, at: s.time.now(), latencyMs: 4 } }],
});

const eastOf = async (s: TestServer) =>
  (await s.api('GET', '/api/v1/monitors/api')).body.locations.find(
    (l: any) => l.location === 'east',
  );

for (const db of await testDatabases()) {
  describe(`who may speak for an agent location [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db);
    const setup = async (s: TestServer) => {
      await addCustomer(s, 'acme');
      expectStatus(
        await s.api('POST', '/api/v1/monitors', {
          id: 'api',
          service: 'api',
          type: 'http',
          target: 'http://api.test/',
          failuresBeforeDown: 1,
          locations: ['east', 'west'],
        }),
        201,
      );
    };

    it('refuses results from admin, agent and customer tokens, naming the way to a probe token', async () => {
      const s = server();
      await setup(s);
      const tokens = {
        admin: undefined,
        agent: (await issueToken(s, 'agent')).token,
        customer: (await issueToken(s, 'customer', 'acme')).token,
      };
      for (const [role, token] of Object.entries(tokens)) {
        const error = expectError(
          await s.api('POST', '/api/v1/agent/results?location=east', results(s), token),
          403,
          'forbidden',
          'only the probe token issued for location "east" may report its results',
          `${role} token`,
          'surety token create --role probe --location east',
          'POST /api/v1/agents/tokens',
        );
        assert.ok(!error.details, role);
      }
      assert.equal((await eastOf(s)).lastCheck, null, 'nothing recorded');
      assert.deepEqual((await s.api('GET', '/api/v1/agents')).body.agents, []);
    });

    it('refuses another location’s probe token, and takes the bound one’s results', async () => {
      const s = server();
      await setup(s);
      expectError(
        await s.api(
          'POST',
          '/api/v1/agent/results?location=east',
          results(s),
          await probeToken(s, 'west'),
        ),
        403,
        'forbidden',
        'belongs to location "west", not "east"',
        'only the probe token issued for location "east"',
      );
      assert.equal((await eastOf(s)).lastCheck, null);
      assert.deepEqual((await s.api('GET', '/api/v1/agents')).body.agents, []);

      const r = await s.api(
        'POST',
        '/api/v1/agent/results?location=east',
        results(s),
        await probeToken(s, 'east'),
      );
      expectStatus(r, 200);
      assert.equal(r.body.accepted, 1, JSON.stringify(r.body));
      assert.deepEqual(r.body.ignored, []);
      assert.equal((await eastOf(s)).state, 'up');
      assert.deepEqual(
        (await s.api('GET', '/api/v1/agents')).body.agents.map((a: any) => a.location),
        ['east'],
      );
    });

    it('fetching a location’s monitors is its probe token’s too', async () => {
      const s = server();
      await setup(s);
      for (const token of [undefined, (await issueToken(s, 'agent')).token])
        expectError(
          await s.api('GET', '/api/v1/agent/monitors?location=east', undefined, token),
          403,
          'forbidden',
          'only the probe token issued for location "east" may fetch its monitors',
        );
      assert.deepEqual((await s.api('GET', '/api/v1/agents')).body.agents, []);
      const r = await s.api(
        'GET',
        '/api/v1/agent/monitors?location=east',
        undefined,
        await probeToken(s, 'east'),
      );
      expectStatus(r, 200);
      assert.deepEqual(
        r.body.monitors.map((m: any) => m.id),
        ['api'],
      );
    });
  });
}
