import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { createLogger } from '../../src/runtime/logger.js';
import { testDatabases } from '../helpers/databases.js';
import { remoteWriteBody } from '../helpers/remote-write.js';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../helpers/server.js';

const dbs = await testDatabases();
const NOW = '2026-10-05T08:30:00Z';
const T = Date.parse('2026-10-05T08:00:00Z') / 1000;

for (const db of dbs) {
  describe(`metric ingestion over HTTP [${db.name}]`, { skip: db.skip }, () => {
    let s: TestServer;
    const logs: string[] = [];
    before(async () => {
      const sink = new Writable({ write: (chunk, _enc, cb) => (logs.push(String(chunk)), cb()) });
      s = await startTestServer(db, {
        now: NOW,
        logger: createLogger('info', sink),
        maxSeries: 50,
      });
    });
    after(() => s?.close());

    const write = (
      body: string | Buffer,
      query = 'precision=s',
      headers: Record<string, string> = {},
    ) =>
      s.raw('POST', `/api/v1/write?${query}`, body, {
        'content-type': 'text/plain; charset=utf-8',
        ...headers,
      });
    const rollup = async (measurement: string, host: string) => {
      await s.app.pipeline.flush();
      const found = await s.api(
        'GET',
        `/api/v1/series?measurement=${measurement}&tag.host=${host}`,
      );
      const id = found.body.series[0]?.id;
      if (id === undefined) return undefined;
      const r = await s.api(
        'GET',
        `/api/v1/series/${id}/rollups?from=2026-10-05T00:00:00Z&to=2026-10-06T00:00:00Z`,
      );
      return r.body.buckets as Array<{ count: number; mean: number; min: number; max: number }>;
    };

    test('line protocol is accepted with 204 once durable, and rolled up', async () => {
      const r = await write(`cpu,host=a usage=10 ${T}\ncpu,host=a usage=30 ${T + 10}\n`);
      assert.equal(r.status, 204, JSON.stringify(r.body));
      assert.deepEqual(
        (await rollup('cpu', 'a'))!.map((b) => [b.count, b.mean, b.min, b.max]),
        [[2, 20, 10, 30]],
      );
    });

    test('gzip bodies are accepted', async () => {
      const r = await write(gzipSync(`cpu,host=gz usage=5 ${T}`), 'precision=s', {
        'content-encoding': 'gzip',
      });
      assert.equal(r.status, 204);
      assert.equal((await rollup('cpu', 'gz'))![0]!.count, 1);
    });

    test('a body that is not gzip though it says so is a 400', async () => {
      const r = await write('not gzip', 'precision=s', { 'content-encoding': 'gzip' });
      assert.equal(r.status, 400);
      assert.match(r.body.error.message, /not valid gzip/);
    });

    test('a gzip bomb is refused before it fills the memory', async () => {
      const bomb = gzipSync(Buffer.alloc(70 * 1024 * 1024, 'a'));
      const r = await write(bomb, 'precision=s', { 'content-encoding': 'gzip' });
      assert.equal(r.status, 413);
      assert.match(r.body.error.message, /inflates to more than 64 MiB/);
    });

    test('a bad line refuses the whole body, naming the line and column', async () => {
      const r = await write(`cpu,host=bad usage=1 ${T}\ncpu,host=bad usage=NaN ${T}`);
      assert.equal(r.status, 400);
      assert.match(
        r.body.error.message,
        /^line 2, column 20: .*NaN and Inf are not allowed.*nothing was written/,
      );
      assert.equal(await rollup('cpu', 'bad'), undefined);
    });

    test('partial=true keeps the good lines and names the dropped one', async () => {
      const r = await write(
        `cpu,host=part usage=1 ${T}\ncpu,host=part usage= ${T}\ncpu,host=part usage=3 ${T}`,
        'precision=s&partial=true',
      );
      assert.equal(r.status, 400);
      assert.equal(r.body.error.code, 'partial_write');
      assert.match(
        r.body.error.message,
        /partial write: line 2, column 21: .*2 points written, 1 lines dropped/,
      );
      assert.equal((await rollup('cpu', 'part'))![0]!.count, 2);
    });

    test('timestamps far in the future and unknown precisions are refused', async () => {
      assert.match(
        (await write(`cpu,host=f usage=1 ${T + 86_400}`)).body.error.message,
        /in the future/,
      );
      assert.match(
        (await write(`cpu,host=f usage=1`, 'precision=fortnights')).body.error.message,
        /precision: "fortnights" is not one of/,
      );
    });

    test('the series limit refuses new series with the reason', async () => {
      const lines = Array.from({ length: 60 }, (_, i) => `many,host=h${i} v=1 ${T}`).join('\n');
      const r = await write(lines);
      assert.equal(r.status, 413);
      assert.match(
        r.body.error.message,
        /series limit reached: this write would add 60 new series .* over the limit of 50/,
      );
    });

    test('JSON sent to the line-protocol endpoint is refused with a hint', async () => {
      const r = await s.raw('POST', '/api/v1/write', '{"a":1}', {
        'content-type': 'application/json',
      });
      assert.equal(r.status, 400);
      assert.match(r.body.error.message, /send line protocol as text/);
    });

    test('InfluxDB 1.x clients: /write with u/p, basic auth or a Token header; errors in Influx’s shape', async () => {
      const post = (query: string, headers: Record<string, string>) =>
        fetch(`${s.url}/write?db=telegraf&precision=s${query}`, {
          method: 'POST',
          headers,
          body: `cpu,host=influx usage=1 ${T}`,
        });
      assert.equal((await post(`&u=telegraf&p=${ADMIN_TOKEN}`, {})).status, 204);
      assert.equal(
        (
          await post('', {
            authorization: `Basic ${Buffer.from(`telegraf:${ADMIN_TOKEN}`).toString('base64')}`,
          })
        ).status,
        204,
      );
      assert.equal((await post('', { authorization: `Token ${ADMIN_TOKEN}` })).status, 204);
      const denied = await post('&u=telegraf&p=wrong-password', {});
      assert.equal(denied.status, 401);
      assert.deepEqual(await denied.json(), {
        error: 'the token is not valid (unknown or revoked)',
      });
      const bad = await fetch(`${s.url}/write?db=x`, {
        method: 'POST',
        headers: { authorization: `Token ${ADMIN_TOKEN}` },
        body: 'cpu usage=',
      });
      assert.equal(bad.status, 400);
      assert.match(((await bad.json()) as { error: string }).error, /line 1, column 11/);
      assert.equal((await rollup('cpu', 'influx'))![0]!.count, 3);
      assert.equal((await fetch(`${s.url}/ping`)).status, 204);
    });

    test('credentials in the query string never reach the log', async () => {
      await fetch(`${s.url}/write?db=x&u=telegraf&p=${ADMIN_TOKEN}`, {
        method: 'POST',
        body: `cpu,host=log usage=1`,
      });
      const text = logs.join('');
      assert.match(text, /\/write\?db=x&u=\[redacted\]&p=\[redacted\]/);
      assert.doesNotMatch(text, new RegExp(ADMIN_TOKEN));
    });

    test('Prometheus remote write: samples land in the same series line protocol would name', async () => {
      const ms = T * 1000;
      const body = remoteWriteBody([
        {
          labels: [
            ['__name__', 'http_requests_total'],
            ['job', 'api'],
            ['host', 'prom'],
          ],
          samples: [
            [1, ms],
            [3, ms + 15_000],
          ],
        },
        {
          labels: [
            ['__name__', 'up'],
            ['host', 'prom'],
          ],
          samples: [[1, ms]],
        },
      ]);
      const r = await s.raw('POST', '/api/v1/prom/write', body, {
        'content-type': 'application/x-protobuf',
        'content-encoding': 'snappy',
        'x-prometheus-remote-write-version': '0.1.0',
      });
      assert.equal(r.status, 204, JSON.stringify(r.body));
      const buckets = await rollup('http_requests_total', 'prom');
      assert.deepEqual(
        buckets!.map((b) => [b.count, b.min, b.max]),
        [[2, 1, 3]],
      );
      const found = await s.api(
        'GET',
        '/api/v1/series?measurement=http_requests_total&tag.job=api',
      );
      assert.deepEqual(found.body.series[0].tags, { host: 'prom', job: 'api' });
      assert.equal(found.body.series[0].field, 'value');
    });

    test('remote write: a broken body is a 400 with the reason; version 2 is a 415', async () => {
      const broken = await s.raw(
        'POST',
        '/api/v1/prom/write',
        Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2]),
        { 'content-type': 'application/x-protobuf' },
      );
      assert.equal(broken.status, 400);
      assert.match(broken.body.error.message, /snappy|decode|body/i);
      const v2 = await s.raw('POST', '/api/v1/prom/write', Buffer.alloc(1), {
        'content-type': 'application/x-protobuf;proto=io.prometheus.write.v2.Request',
      });
      assert.equal(v2.status, 415);
    });

    test('JSON points for people and scripts', async () => {
      const ok = await s.api('POST', '/api/v1/metrics', {
        points: [
          {
            measurement: 'temp',
            tags: { host: 'json' },
            fields: { celsius: 21.5 },
            time: '2026-10-05T08:00:00Z',
          },
        ],
      });
      assert.equal(ok.status, 204, JSON.stringify(ok.body));
      assert.equal((await rollup('temp', 'json'))![0]!.mean, 21.5);
      const bad = await s.api('POST', '/api/v1/metrics', {
        points: [{ measurement: 'temp', tags: { host: 'json' }, fields: { celsius: { deg: 1 } } }],
      });
      assert.equal(bad.status, 400);
      assert.match(bad.body.error.message, /celsius/);
    });

    test('a customer token may not write metrics; no token is a 401', async () => {
      await s.api('POST', '/api/v1/customers', { id: 'acme', name: 'ACME', monthlyFee: 1 });
      const token = (await s.api('POST', '/api/v1/tokens', { role: 'customer', customer: 'acme' }))
        .body.token as string;
      const r = await s.raw('POST', '/api/v1/write', `cpu v=1`, {
        authorization: `Bearer ${token}`,
        'content-type': 'text/plain',
      });
      assert.equal(r.status, 403);
      const none = await fetch(`${s.url}/api/v1/write`, { method: 'POST', body: 'cpu v=1' });
      assert.equal(none.status, 401);
    });
  });
}
