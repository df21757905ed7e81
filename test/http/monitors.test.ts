import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { testDatabases } from '../helpers/databases.js';
import type { TestServer } from '../helpers/server.js';
import {
  startDnsBlackHole,
  startDnsResponder,
  type DnsTarget,
} from '../sources/probes/helpers/dns-responder.js';
import {
  closedPort,
  resettingTarget,
  slowLoris,
  startHttpTarget,
  type HttpTarget,
  type Target,
} from '../sources/probes/helpers/targets.js';
import { hasOpenssl, makeCertificates } from '../sources/probes/helpers/certificates.js';
import {
  SEC,
  addCustomer,
  expectDetailAt,
  expectError,
  expectStatus,
  issueToken,
  serverPerTest,
} from './support.js';

/** A service on loopback the test switches between healthy (200) and failing (503). */
async function switchable(): Promise<{ url: string; healthy: boolean; close(): Promise<void> }> {
  const state = { healthy: true };
  const server = http.createServer((_req, res) =>
    state.healthy ? res.end('ok') : res.writeHead(503).end('down'),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
  return {
    url,
    get healthy() {
      return state.healthy;
    },
    set healthy(v: boolean) {
      state.healthy = v;
    },
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

const monitor = async (s: TestServer, body: Record<string, unknown>) => {
  const r = await s.api('POST', '/api/v1/monitors', {
    intervalSeconds: 30,
    failuresBeforeDown: 2,
    ...body,
  });
  expectStatus(r, 201);
  return r.body;
};
const state = async (s: TestServer, id: string) =>
  (await s.api('GET', `/api/v1/monitors/${id}`)).body;

for (const db of await testDatabases()) {
  describe(`monitors over the API [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db);
    let target: Awaited<ReturnType<typeof switchable>>;
    before(async () => {
      target = await switchable();
    });
    after(() => target.close());

    it('a monitor in the acceptance form goes unknown → up → down after the failure threshold → up, opening and resolving an incident', async () => {
      const s = server();
      target.healthy = true;
      const created = await monitor(s, {
        id: 'api-health',
        service: 'api',
        type: 'http',
        target: target.url,
      });
      assert.deepEqual(
        {
          id: created.id,
          service: created.service,
          type: created.type,
          target: created.target,
          intervalSeconds: created.intervalSeconds,
          failuresBeforeDown: created.failuresBeforeDown,
          state: created.state,
        },
        {
          id: 'api-health',
          service: 'api',
          type: 'http',
          target: target.url,
          intervalSeconds: 30,
          failuresBeforeDown: 2,
          state: 'unknown',
        },
      );
      await s.advance(30 * SEC);
      assert.equal((await state(s, 'api-health')).state, 'up');

      target.healthy = false;
      await s.advance(30 * SEC);
      const failing = await state(s, 'api-health');
      assert.equal(failing.state, 'up', 'one failed check is not an outage');
      assert.equal(failing.locations[0].status, 'failing');
      assert.equal(failing.locations[0].lastCheck.cause, 'status');
      assert.match(failing.locations[0].lastCheck.message, /answered 503, expected 2xx/);
      assert.equal((await s.api('GET', '/api/v1/incidents?service=api')).body.incidents.length, 0);

      await s.advance(30 * SEC);
      const down = await state(s, 'api-health');
      assert.equal(down.state, 'down');
      const firstFailure = Date.parse(failing.locations[0].lastCheck.at);
      assert.equal(
        Date.parse(down.downSince),
        firstFailure,
        'down from the first failure of the run',
      );
      const open = (await s.api('GET', '/api/v1/incidents?service=api')).body.incidents;
      assert.equal(open.length, 1);
      assert.equal(open[0].service, 'api');
      assert.equal(open[0].state, 'open');
      assert.equal(open[0].resolvedAt, null);
      assert.equal(open[0].origin, 'monitor');
      assert.equal(
        Date.parse(open[0].detectedAt),
        Date.parse(down.locations[0].lastCheck.at),
        'detected at the check that reached the threshold',
      );

      target.healthy = true;
      await s.advance(30 * SEC);
      assert.equal((await state(s, 'api-health')).state, 'up');
      const [resolved] = (await s.api('GET', '/api/v1/incidents?service=api')).body.incidents;
      assert.equal(resolved.state, 'resolved');
      assert.ok(resolved.resolvedAt > resolved.detectedAt);
      assert.deepEqual(
        resolved.timeline.map((e: any) => e.type),
        ['detected', 'resolved'],
      );

      const history = (await s.api('GET', '/api/v1/monitors/api-health/history')).body;
      // Checked at creation, then every 30 s: five checks, two of them failed.
      assert.deepEqual(
        history.hours.map((h: any) => [h.location, h.checks, h.failures]),
        [['local', 5, 2]],
      );
      assert.deepEqual(
        history.downtimes.map((d: any) => [d.location, d.from, d.cause]),
        [['local', new Date(firstFailure).toISOString(), 'status']],
      );
      assert.ok(history.downtimes[0].to);
      const types = (await s.api('GET', '/api/v1/signals?limit=100')).body.signals.map(
        (x: any) => x.type,
      );
      for (const t of [
        'monitor.down',
        'service.down',
        'incident.opened',
        'monitor.up',
        'service.up',
        'incident.resolved',
      ])
        assert.ok(types.includes(t), `${t} in ${types.join(', ')}`);
    });

    it(
      'HTTPS with a self-signed certificate, TCP and DNS monitors run against real servers and say why they fail',
      { skip: !hasOpenssl() && 'openssl is not installed' },
      async () => {
        const s = server();
        const certs = makeCertificates(s.time.now());
        const tls = await startHttpTarget(certs.selfSigned);
        const dns = await startDnsResponder({ 'api.example.test': { A: ['10.0.0.1'] } });
        const port = await closedPort();
        try {
          await monitor(s, {
            id: 'tls',
            service: 'web',
            type: 'http',
            target: tls.url('/ok'),
            failuresBeforeDown: 1,
          });
          await monitor(s, {
            id: 'tls-ignored',
            service: 'web',
            type: 'http',
            target: tls.url('/ok'),
            ignoreTls: true,
            failuresBeforeDown: 1,
          });
          const soon = await startHttpTarget(certs.expiringSoon);
          await monitor(s, {
            id: 'tls-soon',
            service: 'web3',
            type: 'http',
            target: soon.url('/ok'),
            ignoreTls: true,
            failuresBeforeDown: 1,
          });
          await monitor(s, {
            id: 'db',
            service: 'db',
            type: 'tcp',
            target: `127.0.0.1:${port}`,
            failuresBeforeDown: 1,
          });
          await monitor(s, {
            id: 'db-up',
            service: 'db2',
            type: 'tcp',
            target: `127.0.0.1:${tls.port}`,
            failuresBeforeDown: 1,
          });
          await monitor(s, {
            id: 'dns-ok',
            service: 'dns',
            type: 'dns',
            target: 'api.example.test',
            server: dns.server,
            expected: ['10.0.0.1'],
            failuresBeforeDown: 1,
          });
          await monitor(s, {
            id: 'dns-nx',
            service: 'dns2',
            type: 'dns',
            target: 'missing.example.test',
            server: dns.server,
            failuresBeforeDown: 1,
          });
          await s.advance(30 * SEC);
          const view = async (id: string) => {
            const m = await state(s, id);
            return { state: m.state, cause: m.locations[0].lastCheck?.cause ?? null };
          };
          assert.deepEqual(await view('tls'), { state: 'down', cause: 'tls' });
          assert.match(
            (await state(s, 'tls')).locations[0].lastCheck.message,
            /self-signed certificate/,
          );
          assert.deepEqual(await view('tls-ignored'), { state: 'up', cause: null });
          assert.deepEqual(await view('tls-soon'), { state: 'up', cause: null });
          assert.match(
            (await state(s, 'tls-soon')).locations[0].lastCheck.warning,
            /expires in 2d 23h/,
          );
          const warned = (await s.api('GET', '/api/v1/signals?type=monitor.warning')).body.signals;
          assert.deepEqual(
            warned.map((x: any) => [x.subject.id, x.data.code]),
            [['tls-soon', 'certificate_expiring']],
          );
          await soon.close();
          assert.deepEqual(await view('db'), { state: 'down', cause: 'refused' });
          assert.deepEqual(await view('db-up'), { state: 'up', cause: null });
          assert.deepEqual(await view('dns-ok'), { state: 'up', cause: null });
          assert.deepEqual(await view('dns-nx'), { state: 'down', cause: 'dns' });
        } finally {
          await tls.close();
          await dns.close();
        }
      },
    );

    it('bad targets (slow-loris, reset, redirect loop, silent DNS) give results with a cause and never hold up the others', async () => {
      const s = server();
      const web: HttpTarget = await startHttpTarget();
      const loris: Target = await slowLoris();
      const reset: Target = await resettingTarget();
      const hole: DnsTarget = await startDnsBlackHole();
      try {
        const fast = { failuresBeforeDown: 1, timeoutSeconds: 0.3 };
        await monitor(s, {
          id: 'loris',
          service: 'a',
          type: 'http',
          target: `http://127.0.0.1:${loris.port}/`,
          ...fast,
        });
        await monitor(s, {
          id: 'reset',
          service: 'b',
          type: 'http',
          target: `http://127.0.0.1:${reset.port}/`,
          ...fast,
        });
        await monitor(s, {
          id: 'loop',
          service: 'c',
          type: 'http',
          target: web.url('/loop-a'),
          ...fast,
        });
        await monitor(s, {
          id: 'silent-dns',
          service: 'd',
          type: 'dns',
          target: 'x.example.test',
          server: hole.server,
          ...fast,
        });
        await monitor(s, {
          id: 'fine',
          service: 'e',
          type: 'http',
          target: web.url('/ok'),
          ...fast,
        });
        for (let round = 0; round < 3; round++) {
          await s.advance(30 * SEC);
          const causes = Object.fromEntries(
            await Promise.all(
              ['loris', 'reset', 'loop', 'silent-dns', 'fine'].map(async (id) => [
                id,
                (await state(s, id)).locations[0].lastCheck?.cause ??
                  ((await state(s, id)).locations[0].lastCheck ? 'ok' : 'not checked'),
              ]),
            ),
          );
          assert.deepEqual(
            causes,
            {
              loris: 'timeout',
              reset: 'reset',
              loop: 'redirects',
              'silent-dns': 'dns',
              fine: 'ok',
            },
            `round ${round}`,
          );
        }
        assert.match((await state(s, 'loop')).locations[0].lastCheck.message, /redirect loop/);
        assert.match(
          (await state(s, 'silent-dns')).locations[0].lastCheck.message,
          /did not answer within 300ms/,
        );
        assert.equal(
          s.app.availability.prober.scheduler.skipped,
          0,
          'no check was still running when its next round came',
        );
      } finally {
        await Promise.all([web.close(), loris.close(), reset.close(), hole.close()]);
      }
    });

    it('invalid definitions are refused with the reason, at the field sent, and nothing is stored', async () => {
      const s = server();
      const bad = async (body: Record<string, unknown>, path: string, ...mentions: string[]) => {
        const e = expectError(
          await s.api('POST', '/api/v1/monitors', body),
          400,
          'invalid_input',
          ...mentions,
        );
        expectDetailAt(e, path);
      };
      await bad(
        { id: 'x', service: 'api', type: 'ftp', target: 'ftp://a' },
        '/type',
        'must be one of',
      );
      await bad(
        { id: 'x', service: 'api', type: 'http', target: 'not a url' },
        '/target',
        'is not a URL',
      );
      await bad(
        { id: 'x', service: 'api', type: 'http', target: 'ftp://example.com/' },
        '/target',
        'http:// or https://',
      );
      await bad(
        { id: 'x', service: 'api', type: 'tcp', target: 'db.example.com' },
        '/target',
        'host:port',
      );
      await bad(
        { id: 'x', service: 'api', type: 'tcp', target: 'db.example.com:70000' },
        '/target',
      );
      await bad(
        { id: 'x', service: 'api', type: 'http', target: 'http://a/', intervalSeconds: -5 },
        '/intervalSeconds',
        'positive',
      );
      await bad(
        {
          id: 'x',
          service: 'api',
          type: 'http',
          target: 'http://a/',
          intervalSeconds: 5,
          timeoutSeconds: 10,
        },
        '/timeoutSeconds',
        'longer than the interval',
      );
      await bad(
        { id: 'x', service: 'api', type: 'http', target: 'http://a/', failuresBeforeDown: 0 },
        '/failuresBeforeDown',
      );
      await bad(
        { id: 'x', service: 'api', type: 'dns', target: 'exa mple.com' },
        '/target',
        'not a domain name',
      );
      await bad({ id: 'has space', service: 'api', type: 'http', target: 'http://a/' }, '/id');
      await bad(
        { id: 'x', service: 'api', type: 'http', target: 'http://a/', locations: ['Frankfurt!'] },
        '/locations',
      );
      expectError(
        await s.api('POST', '/api/v1/monitors', {
          id: 'x',
          service: 'api',
          type: 'http',
          target: 'http://a/',
          customer: 'nobody',
        }),
        422,
        'unknown_reference',
        'nobody',
      );
      await monitor(s, { id: 'x', service: 'api', type: 'http', target: 'http://a/' });
      expectError(
        await s.api('POST', '/api/v1/monitors', {
          id: 'x',
          service: 'api',
          type: 'http',
          target: 'http://b/',
        }),
        409,
        'conflict',
        'already exists',
      );
      await addCustomer(s, 'acme');
      expectError(
        await s.api('POST', '/api/v1/monitors', {
          id: 'y',
          service: 'api',
          type: 'http',
          target: 'http://b/',
          customer: 'acme',
        }),
        409,
        'conflict',
        'same contract',
      );
      assert.deepEqual(
        (await s.api('GET', '/api/v1/monitors')).body.monitors.map((m: any) => m.id),
        ['x'],
      );
      expectError(await s.api('GET', '/api/v1/monitors/nope'), 404, 'not_found');
      // A heartbeat in the short form: the interval is how often the job reports in.
      const hb = await monitor(s, {
        id: 'cron',
        service: 'cron',
        type: 'heartbeat',
        intervalSeconds: 3600,
        failuresBeforeDown: 1,
      });
      assert.deepEqual(
        [
          hb.intervalSeconds,
          hb.periodSeconds,
          hb.checkEverySeconds,
          hb.state,
          hb.locations.map((l: any) => l.location),
        ],
        [3600, 3600, 30, 'unknown', ['local']],
      );
      assert.match(hb.pingPath, /^\/api\/v1\/ping\//);
    });

    it('a customer token sees only its own services’ monitors and incidents', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      await addCustomer(s, 'globex');
      await monitor(s, {
        id: 'acme-web',
        service: 'acme-web',
        customer: 'acme',
        type: 'http',
        target: 'http://127.0.0.1:9/',
      });
      await monitor(s, {
        id: 'globex-web',
        service: 'globex-web',
        customer: 'globex',
        type: 'http',
        target: 'http://127.0.0.1:9/',
      });
      await monitor(s, {
        id: 'shared',
        service: 'shared',
        type: 'http',
        target: 'http://127.0.0.1:9/',
      });
      for (const service of ['acme-web', 'globex-web'])
        expectStatus(
          await s.api('POST', '/api/v1/incidents', { service, title: `${service} is slow` }),
          201,
        );
      const { token } = await issueToken(s, 'customer', 'acme');
      assert.deepEqual(
        (await s.api('GET', '/api/v1/monitors', undefined, token)).body.monitors.map(
          (m: any) => m.id,
        ),
        ['acme-web'],
      );
      expectStatus(await s.api('GET', '/api/v1/monitors/acme-web', undefined, token), 200);
      expectError(
        await s.api('GET', '/api/v1/monitors/globex-web', undefined, token),
        404,
        'not_found',
      );
      expectError(
        await s.api('GET', '/api/v1/monitors/shared', undefined, token),
        404,
        'not_found',
      );
      const incidents = (await s.api('GET', '/api/v1/incidents', undefined, token)).body.incidents;
      assert.deepEqual(
        incidents.map((i: any) => i.service),
        ['acme-web'],
      );
      assert.equal(
        (await s.api('GET', '/api/v1/incidents?service=globex-web', undefined, token)).body
          .incidents.length,
        0,
      );
      const all = (await s.api('GET', '/api/v1/incidents')).body.incidents;
      const globex = all.find((i: any) => i.service === 'globex-web');
      expectError(
        await s.api('GET', `/api/v1/incidents/${globex.id}`, undefined, token),
        404,
        'not_found',
      );
      expectError(
        await s.api(
          'POST',
          '/api/v1/monitors',
          { id: 'z', service: 'z', type: 'http', target: 'http://a/' },
          token,
        ),
        403,
        'forbidden',
      );
    });
  });
}
