import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { createLogger } from '../../src/runtime/logger.js';
import { ProbeAgent } from '../../src/runtime/agent.js';
import { testDatabases } from '../helpers/databases.js';
import type { TestServer } from '../helpers/server.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';
import {
  SEC,
  MIN,
  compliance,
  expectError,
  expectStatus,
  probeToken,
  serverPerTest,
} from '../http/support.js';

/**
 * Two agents, east and west, watch one service (quorum 2 of 2). West's network fails: first only
 * towards the service (it sees it down, east sees it up: west's own trouble, no outage), then
 * entirely (it goes silent: an alert about the agent, not an outage). Then the service really
 * fails, everyone sees it, and an incident opens. Real agents, real HTTP, a clock the test moves.
 */
const EAST = '127.0.0.2';
const WEST = '127.0.0.3';

async function shop() {
  const state = { failing: false, westCut: false };
  // West's route to the shop: while cut, whatever comes from its address is reset (kept-alive connections too).
  const server = http.createServer((req, res) => {
    if (state.westCut && req.socket.remoteAddress === WEST)
      return void req.socket.resetAndDestroy();
    return state.failing ? res.writeHead(503).end('down') : res.end('ok');
  });
  server.on('connection', (socket) => {
    if (state.westCut && socket.remoteAddress === WEST) socket.resetAndDestroy();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    state,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

for (const db of await testDatabases()) {
  describe(`quorum across agents [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db);

    it('one agent losing its network is not an outage; everyone seeing the service down is', async () => {
      const s: TestServer = server();
      const target = await shop();
      const port = Number(new URL(s.url).port);
      const proxy = await startTcpProxy(port); // west reaches the server through this
      const logger = createLogger('silent');
      expectStatus(
        await s.api('POST', '/api/v1/monitors', {
          id: 'shop',
          service: 'shop',
          type: 'http',
          target: target.url,
          intervalSeconds: 30,
          failuresBeforeDown: 2,
          locations: ['east', 'west'],
        }),
        201,
      );
      const eastToken = (await s.api('POST', '/api/v1/agents/tokens', { location: 'east' })).body
        .token;
      const westToken = (await s.api('POST', '/api/v1/agents/tokens', { location: 'west' })).body
        .token;
      const east = new ProbeAgent({
        server: s.url,
        token: eastToken,
        location: 'east',
        logger,
        time: s.time,
        timers: s.timers,
        localAddress: EAST,
      });
      const west = new ProbeAgent({
        server: proxy.url,
        token: westToken,
        location: 'west',
        logger,
        time: s.time,
        timers: s.timers,
        localAddress: WEST,
      });
      s.timers.also.push(
        () => east.idle(),
        () => west.idle(),
      );
      const incidents = async () =>
        (await s.api('GET', '/api/v1/incidents?service=shop')).body.incidents;
      const view = async () => {
        const m = (await s.api('GET', '/api/v1/monitors/shop')).body;
        return { state: m.state, east: m.locations[0].state, west: m.locations[1].state };
      };
      const signals = async (type: string) =>
        (await s.api('GET', `/api/v1/signals?type=${type}`)).body.signals;
      try {
        await east.start();
        await west.start();
        assert.equal(east.monitors, 1);
        await s.advance(MIN);
        assert.deepEqual(await view(), { state: 'up', east: 'up', west: 'up' });

        // West cannot reach the shop, but still reports: it sees it down; east does not.
        target.state.westCut = true;
        await s.advance(2 * MIN);
        assert.deepEqual(await view(), { state: 'up', east: 'up', west: 'down' });
        assert.deepEqual(await incidents(), []);
        target.state.westCut = false;
        await s.advance(MIN);
        assert.deepEqual(await view(), { state: 'up', east: 'up', west: 'up' });

        // West loses its network entirely: it goes silent, which is an alert about west.
        target.state.westCut = true;
        await proxy.cut();
        await s.advance(4 * MIN);
        assert.deepEqual(await view(), { state: 'up', east: 'up', west: 'unknown' });
        const silent = await signals('agent.silent');
        assert.equal(silent.length, 1);
        assert.equal(silent[0].subject.id, 'west');
        assert.deepEqual(await incidents(), []);
        assert.ok(west.failures > 0, 'west could not report');

        // Back: its buffered results arrive, it is heard from again, and there was no outage.
        target.state.westCut = false;
        await proxy.restore();
        await s.advance(MIN);
        assert.equal((await signals('agent.back')).length, 1);
        assert.deepEqual(await view(), { state: 'up', east: 'up', west: 'up' });
        assert.deepEqual(await incidents(), []);
        assert.deepEqual(await signals('service.down'), []);

        // The shop really fails: both see it, the quorum is met, an incident opens and then resolves.
        target.state.failing = true;
        const failedAt = s.time.now();
        await s.advance(90 * SEC);
        assert.equal((await view()).state, 'down');
        const [open] = await incidents();
        assert.equal(open.state, 'open');
        target.state.failing = false;
        await s.advance(MIN);
        const [resolved] = await incidents();
        assert.equal(resolved.state, 'resolved');

        const a = (await compliance(s, 'month=2026-10')).availability[0];
        // Only the real outage counts: about 1.5 min; west's own trouble shows apart.
        assert.equal(a.outages.length, 1);
        assert.ok(
          a.unplannedDowntimeMs > 0 && a.unplannedDowntimeMs <= 2 * MIN,
          `unplanned ${a.unplannedDowntimeMs} ms`,
        );
        assert.ok(Date.parse(a.outages[0].from) >= failedAt);
        assert.equal(a.locationOnly[0].location, 'west');
        assert.ok(a.locationOnly[0].minutes >= 1);
      } finally {
        await east.stop();
        await west.stop().catch(() => undefined);
        await proxy.close();
        await target.close();
      }
    });

    it('a location whose agent never reported has no say, live or in the report', async () => {
      const s = server();
      expectStatus(
        await s.api('POST', '/api/v1/monitors', {
          id: 'shop',
          service: 'shop',
          type: 'http',
          target: 'http://shop.test/',
          failuresBeforeDown: 1,
          locations: ['east', 'west'],
        }),
        201,
      );
      const east = await probeToken(s, 'east');
      const post = async (at: number, ok: boolean) => {
        s.time.set(at);
        expectStatus(
          await s.api(
            'POST',
            '/api/v1/agent/results?location=east',
            {
              results: [
                {
                  monitor: 'shop',
                  result: {
                    ok,
                    at,
                    latencyMs: 3,
                    ...(ok ? {} : { cause: 'status', message: 'answered 503' }),
                  },
                },
              ],
            },
            east,
          ),
          200,
        );
      };
      const t0 = s.time.now();
      await post(t0, true);
      await post(t0 + MIN, false);
      assert.equal(
        (await s.api('GET', '/api/v1/monitors/shop')).body.state,
        'down',
        'east alone decides while west has never reported',
      );
      assert.equal(
        (await s.api('GET', '/api/v1/incidents?service=shop')).body.incidents[0].state,
        'open',
      );
      await post(t0 + 11 * MIN, true);
      const a = (await compliance(s, 'month=2026-10')).availability[0];
      assert.equal(a.unplannedDowntimeMs, 10 * MIN);
    });

    it('a probe token reports for its own location only, and can do nothing else', async () => {
      const s = server();
      const east = (await s.api('POST', '/api/v1/agents/tokens', { location: 'east' })).body.token;
      expectStatus(
        await s.api('GET', '/api/v1/agent/monitors?location=east', undefined, east),
        200,
      );
      expectError(
        await s.api('GET', '/api/v1/agent/monitors?location=west', undefined, east),
        403,
        'forbidden',
        'east',
      );
      expectError(
        await s.api('POST', '/api/v1/agent/results?location=west', { results: [] }, east),
        403,
        'forbidden',
      );
      expectError(
        await s.api('GET', '/api/v1/tickets', undefined, east),
        403,
        'forbidden',
        'probe token',
      );
      expectError(
        await s.api('GET', '/api/v1/compliance?month=2026-10', undefined, east),
        403,
        'forbidden',
      );
      expectError(
        await s.api('GET', '/api/v1/agent/monitors?location=local', undefined, east),
        400,
        'invalid_input',
        'server itself',
      );
      expectError(
        await s.api(
          'POST',
          '/api/v1/agent/results?location=east',
          { results: [{ monitor: 'x', result: { ok: 'yes' } }] },
          east,
        ),
        400,
        'invalid_input',
      );
      const north = await probeToken(s, 'north');
      expectStatus(
        await s.api('GET', '/api/v1/agent/monitors?location=north', undefined, north),
        200,
      );
      const r = await s.api(
        'POST',
        '/api/v1/agent/results?location=east',
        {
          results: [
            { monitor: 'nope', result: { ok: true, at: s.time.now(), latencyMs: 1 } },
            { monitor: 'nope', result: { ok: true, at: s.time.now() + 10 * MIN, latencyMs: 1 } },
          ],
        },
        east,
      );
      expectStatus(r, 200);
      assert.deepEqual(
        r.body.ignored.map((i: any) => i.reason.split(' (')[0].split(':')[0]),
        ['no such monitor', 'from the future'],
      );
      assert.deepEqual(
        (await s.api('GET', '/api/v1/agents')).body.agents.map((a: any) => [a.location, a.state]),
        [
          ['east', 'reporting'],
          ['north', 'reporting'],
        ],
      );
    });
  });
}
