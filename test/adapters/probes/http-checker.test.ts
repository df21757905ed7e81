import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHttpChecker } from '../../../src/adapters/probes/http-checker.js';
import { runCheckerContract } from '../../sources/probes/checker.contract.js';
import { httpMonitor } from '../../sources/probes/helpers/monitors.js';
import {
  closedPort,
  resettingTarget,
  silentTarget,
  slowLoris,
  staleKeepAliveTarget,
  startHttpTarget,
  type HttpTarget,
  type Target,
} from '../../sources/probes/helpers/targets.js';

runCheckerContract({
  name: 'http',
  async setup() {
    const web = await startHttpTarget();
    const silent = await silentTarget();
    return {
      checker: createHttpChecker(),
      good: () => httpMonitor(web.url('/ok')),
      bad: () => httpMonitor(web.url('/fail')),
      silent: () => httpMonitor(`http://127.0.0.1:${silent.port}/`),
      close: async () => {
        await web.close();
        await silent.close();
      },
    };
  },
});

describe('http checker against real servers', () => {
  const checker = createHttpChecker();
  let web: HttpTarget;
  const extra: Target[] = [];
  before(async () => {
    web = await startHttpTarget();
  });
  after(async () => {
    await checker.close();
    await web.close();
    for (const t of extra) await t.close();
  });
  const check = (m: ReturnType<typeof httpMonitor>) =>
    checker.check(m, Date.now(), new AbortController().signal);
  const fast = { timeout: '300ms' };

  test('a 503 is a status failure naming what came and what was expected', async () => {
    const r = await check(httpMonitor(web.url('/fail')));
    assert.equal(r.cause, 'status');
    assert.equal(r.message, `GET ${web.url('/fail')} answered 503, expected 2xx`);
    assert.equal(r.details?.status, 503);
    const listed = await check(httpMonitor(web.url('/fail'), { expectStatus: [200, '3xx'] }));
    assert.match(listed.message!, /expected 200 or 3xx$/);
    assert.equal(
      (await check(httpMonitor(web.url('/fail'), { expectStatus: '500-503' }))).ok,
      true,
    );
  });

  test('keywords: present, absent, forbidden', async () => {
    assert.equal((await check(httpMonitor(web.url('/ok'), { keyword: 'systems ok' }))).ok, true);
    const missing = await check(httpMonitor(web.url('/ok'), { keyword: 'healthy' }));
    assert.equal(missing.cause, 'keyword');
    assert.match(missing.message!, /does not contain "healthy"/);
    const forbidden = await check(
      httpMonitor(web.url('/fail'), { expectStatus: 503, notKeyword: 'maintenance' }),
    );
    assert.equal(forbidden.cause, 'keyword');
    assert.match(forbidden.message!, /contains "maintenance"/);
  });

  test('JSON path assertions: equal, different, missing, not JSON', async () => {
    assert.equal(
      (await check(httpMonitor(web.url('/json'), { json: { path: '$.status', equals: 'ok' } }))).ok,
      true,
    );
    assert.equal(
      (
        await check(
          httpMonitor(web.url('/json'), { json: { path: '$.checks[0].ok', equals: true } }),
        )
      ).ok,
      true,
    );
    assert.equal(
      (await check(httpMonitor(web.url('/json'), { json: { path: "$['version']" } }))).ok,
      true,
    );
    const degraded = await check(
      httpMonitor(web.url('/degraded'), { json: { path: '$.status', equals: 'ok' } }),
    );
    assert.equal(degraded.cause, 'json');
    assert.match(degraded.message!, /\$\.status is "degraded", expected "ok"/);
    const missing = await check(
      httpMonitor(web.url('/json'), { json: { path: '$.checks[1].ok' } }),
    );
    assert.match(missing.message!, /has no \$\.checks\[1\]/);
    const notJson = await check(httpMonitor(web.url('/ok'), { json: { path: '$.status' } }));
    assert.equal(notJson.cause, 'json');
    assert.match(notJson.message!, /not JSON/);
  });

  test('a latency limit turns a slow but correct answer into too_slow', async () => {
    const r = await check(httpMonitor(web.url('/slow?ms=150'), { maxLatency: '50ms' }));
    assert.equal(r.cause, 'too_slow', r.message);
    assert.ok(r.latencyMs >= 150);
    assert.equal((await check(httpMonitor(web.url('/ok'), { maxLatency: '1s' }))).ok, true);
  });

  test('redirects are followed up to the limit; a loop is named', async () => {
    const ok = await check(httpMonitor(web.url('/hops/3'), { keyword: 'arrived' }));
    assert.equal(ok.ok, true, ok.message);
    assert.deepEqual(
      ok.details?.redirects,
      ['/hops/3', '/hops/2', '/hops/1', '/hops/0'].map((p) => web.url(p)),
    );
    const tooMany = await check(httpMonitor(web.url('/hops/3'), { followRedirects: 2 }));
    assert.equal(tooMany.cause, 'redirects');
    assert.match(tooMany.message!, /redirected more than 2 times/);
    const loop = await check(httpMonitor(web.url('/loop-a')));
    assert.equal(loop.cause, 'redirects');
    assert.equal(
      loop.message,
      `GET ${web.url('/loop-a')} is in a redirect loop: ${web.url('/loop-a')} → ${web.url('/loop-b')} → ${web.url('/loop-a')}`,
    );
    const notFollowed = await check(
      httpMonitor(web.url('/loop-a'), { followRedirects: 0, expectStatus: 302 }),
    );
    assert.equal(notFollowed.ok, true, 'with 0 the redirect itself is judged');
  });

  test('303 continues as GET without the body; credentials stay with their origin', async () => {
    const r = await check(
      httpMonitor(web.url('/see-other'), { method: 'POST', body: 'hello', keyword: 'GET ' }),
    );
    assert.equal(r.ok, true, r.message);
    const sameOrigin = await check(
      httpMonitor(web.url('/elsewhere?to=/echo'), { headers: { Authorization: 'Bearer s3cret' } }),
    );
    assert.equal(sameOrigin.ok, true);
    assert.equal(web.lastHeaders.authorization, 'Bearer s3cret');
    const other = `http://localhost:${web.port}/echo`; // another origin (host differs), same server
    const crossOrigin = await check(
      httpMonitor(web.url(`/elsewhere?to=${encodeURIComponent(other)}`), {
        headers: { Authorization: 'Bearer s3cret' },
      }),
    );
    assert.equal(crossOrigin.ok, true, crossOrigin.message);
    assert.equal(web.lastHeaders.authorization, undefined);
  });

  test('bodies are read up to the cap: over it, body checks fail and plain checks stop reading', async () => {
    const big = await check(httpMonitor(web.url('/big'), { keyword: 'x' }));
    assert.equal(big.cause, 'body_too_large');
    assert.match(big.message!, /over 1 MiB/);
    const endless = await check(httpMonitor(web.url('/endless'), { keyword: 'never' }));
    assert.equal(endless.cause, 'body_too_large');
    const statusOnly = await check(httpMonitor(web.url('/endless')));
    assert.equal(statusOnly.ok, true, 'a status-only check does not need the body');
  });

  test('a slow-loris server is a timeout while waiting for the headers', async () => {
    const loris = await slowLoris();
    extra.push(loris);
    const r = await check(httpMonitor(`http://127.0.0.1:${loris.port}/`, fast));
    assert.equal(r.cause, 'timeout');
    assert.match(r.message!, /did not answer within 300ms \(waiting for the response headers\)/);
  });

  test('refused and reset connections have their own causes', async () => {
    const port = await closedPort();
    const refused = await check(httpMonitor(`http://127.0.0.1:${port}/health`));
    assert.equal(refused.cause, 'refused');
    assert.equal(
      refused.message,
      `GET http://127.0.0.1:${port}/health: 127.0.0.1:${port} refused the connection (nothing listens on that port)`,
    );
    assert.equal(refused.details?.code, 'ECONNREFUSED');
    const resetter = await resettingTarget();
    extra.push(resetter);
    assert.equal((await check(httpMonitor(`http://127.0.0.1:${resetter.port}/`))).cause, 'reset');
    const midBody = await check(httpMonitor(web.url('/reset-mid-body'), { keyword: 'partial' }));
    assert.equal(midBody.cause, 'reset', midBody.message);
  });

  test('an unknown host name is a dns failure', async () => {
    const r = await check(httpMonitor('http://no-such-host.invalid/'));
    assert.equal(r.cause, 'dns', r.message);
  });

  test('connections are kept alive and reused across checks of the same host', async () => {
    const own = await startHttpTarget();
    extra.push(own);
    const first = await check(httpMonitor(own.url('/ok')));
    const second = await check(httpMonitor(own.url('/json')));
    assert.equal(first.details?.reusedConnection, false);
    assert.equal(second.details?.reusedConnection, true);
    assert.equal(own.connections, 1);
  });

  test('a kept-alive connection the server dropped is retried, not reported as down', async () => {
    const stale = await staleKeepAliveTarget();
    extra.push(stale);
    const m = httpMonitor(`http://127.0.0.1:${stale.port}/`);
    assert.equal((await check(m)).ok, true);
    const again = await check(m);
    assert.equal(again.ok, true, again.message);
    assert.equal(stale.connections, 2, 'the retry opened a fresh connection');
  });
});
