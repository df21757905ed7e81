// The OpenAPI document: public, complete, and in agreement with the routes that serve it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabases } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { expectStatus } from './support.js';

const dbs = await testDatabases();

const EXPECTED: Record<string, string[]> = {
  '/api/v1/health': ['get'],
  '/api/v1/whoami': ['get'],
  '/api/v1/policy': ['get'],
  '/api/v1/customers': ['get', 'post'],
  '/api/v1/customers/{id}': ['get'],
  '/api/v1/tickets': ['get', 'post'],
  '/api/v1/tickets/import': ['post'],
  '/api/v1/tickets/{id}': ['get'],
  '/api/v1/tickets/{id}/events': ['post'],
  '/api/v1/compliance': ['get'],
  '/api/v1/tokens': ['get', 'post'],
  '/api/v1/tokens/{id}': ['delete'],
  '/api/v1/series': ['get'],
  '/api/v1/series/{id}/rollups': ['get'],
  '/api/v1/series/{id}/points': ['get'],
  '/api/v1/signals': ['get'],
  '/api/v1/alerts': ['get'],
  '/api/v1/alerts/{id}': ['get'],
  '/api/v1/alerts/{id}/acknowledge': ['post'],
  '/api/v1/alerts/{id}/resolve': ['post'],
  '/api/v1/notifications': ['get'],
  '/api/v1/notifications/{id}/retry': ['post'],
  '/api/v1/notifications/test': ['post'],
  '/api/v1/oncall': ['get'],
  '/api/v1/credits': ['get'],
  '/api/v1/credits/audit': ['get'],
  '/api/v1/policy/versions': ['get'],
  '/api/v1/policy/versions/{hash}': ['get'],
  '/api/v1/months': ['get'],
  '/api/v1/months/{month}/reopen': ['post'],
  '/api/v1/months/{month}/close': ['post'],
  '/api/v1/improvements': ['get', 'post'],
  '/api/v1/improvements/{id}': ['get', 'patch'],
  '/api/v1/improvements/{id}/reviews': ['post'],
  '/api/v1/assessments': ['get', 'post'],
  '/api/v1/assessments/{id}': ['get'],
  '/api/v1/reports/{kind}': ['get'],
  '/api/v1/views/overview': ['get'],
  '/api/v1/status': ['get'],
  '/api/v1/write': ['post'],
  '/api/v1/prom/write': ['post'],
  '/api/v1/metrics': ['post'],
  '/write': ['post'],
  '/api/v1/tickets/{id}/events/{seq}/correct': ['post'],
  '/api/v1/tickets/{id}/corrections': ['get'],
  '/api/v1/reports/runs': ['get'],
  '/api/v1/reports/runs/{schedule}/{period}/retry': ['post'],
  '/api/v1/monitors': ['get', 'post'],
  '/api/v1/monitors/{id}': ['delete', 'get', 'put'],
  '/api/v1/monitors/{id}/ping': ['post'],
  '/api/v1/monitors/{id}/ping/fail': ['post'],
  '/api/v1/monitors/{id}/ping/start': ['post'],
  '/api/v1/monitors/{id}/history': ['get'],
  '/api/v1/ping/{key}': ['get', 'post'],
  '/api/v1/ping/{key}/fail': ['get', 'post'],
  '/api/v1/ping/{key}/start': ['get', 'post'],
  '/api/v1/incidents': ['get', 'post'],
  '/api/v1/incidents/{id}': ['get'],
  '/api/v1/incidents/{id}/events': ['post'],
  '/api/v1/maintenance': ['get', 'post'],
  '/api/v1/maintenance/{id}': ['delete'],
  '/api/v1/agent/monitors': ['get'],
  '/api/v1/agent/results': ['post'],
  '/api/v1/agents': ['get'],
  '/api/v1/agents/tokens': ['post'],
  '/api/v1/health-checks': ['get'],
  '/api/v1/health-checks/{id}/run': ['post'],
  '/api/v1/checkup-runs/{id}': ['get'],
  '/api/v1/stress-tests': ['get'],
  '/api/v1/stress-tests/{id}/run': ['post'],
  '/api/v1/stress-tests/{id}/results': ['post'],
  '/api/v1/audit': ['get'],
  '/api/v1/audit/head': ['get'],
  '/api/v1/audit/key': ['get'],
};

/**
 * Public on purpose: liveness, the status page, a heartbeat's secret ping URL (a cron line holds
 * no token), and the audit log's public key (anyone holding a report must be able to check it).
 */
const PUBLIC = new Set([
  '/api/v1/audit/key',
  '/api/v1/health',
  '/api/v1/status',
  '/api/v1/ping/{key}',
  '/api/v1/ping/{key}/fail',
  '/api/v1/ping/{key}/start',
]);

for (const db of dbs) {
  describe(`openapi document [${db.name}]`, { skip: db.skip }, () => {
    let s: TestServer;
    let doc: any;
    before(async () => {
      s = await startTestServer(db);
      const r = await s.api('GET', '/api/v1/openapi.json', undefined, null);
      expectStatus(r, 200);
      assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
      doc = r.body;
    });
    after(async () => {
      await s?.close();
    });

    it('is served without a token, and also with one', async () => {
      assert.equal(doc.openapi, '3.0.3');
      assert.equal(doc.info.title, 'Surety API');
      const withToken = await s.api('GET', '/api/v1/openapi.json');
      expectStatus(withToken, 200);
      assert.deepEqual(withToken.body, doc);
      // Even a bogus token does not stand in the way of a public route.
      expectStatus(await s.api('GET', '/api/v1/openapi.json', undefined, 'bogus'), 200);
    });

    it('lists every API path with its methods, and not itself', () => {
      const paths = Object.fromEntries(
        Object.entries(doc.paths as Record<string, object>).map(([p, ops]) => [
          p,
          Object.keys(ops).sort(),
        ]),
      );
      assert.deepEqual(paths, EXPECTED);
      assert.equal(doc.paths['/api/v1/openapi.json'], undefined);
    });

    it('declares bearer authentication, lifted for health and heartbeat pings only', () => {
      assert.deepEqual(doc.components.securitySchemes, {
        bearer: { type: 'http', scheme: 'bearer' },
      });
      assert.deepEqual(doc.security, [{ bearer: [] }]);
      assert.deepEqual(doc.paths['/api/v1/health'].get.security, []);
      for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
        // Liveness, the public status page and heartbeat pings are meant to be called without a token.
        if (PUBLIC.has(path)) {
          for (const op of Object.values(ops))
            assert.deepEqual(op.security, [], `${path} is public`);
          continue;
        }
        for (const [method, op] of Object.entries(ops))
          assert.notDeepEqual(op.security, [], `${method} ${path} must not be public`);
        for (const op of Object.values(ops)) assert.equal(typeof op.summary, 'string');
      }
    });

    it('describes a heartbeat failure’s message: JSON { msg }, a text body, or ?msg=', () => {
      for (const op of [
        doc.paths['/api/v1/ping/{key}/fail'].post,
        doc.paths['/api/v1/monitors/{id}/ping/fail'].post,
      ]) {
        const content = op.requestBody.content;
        assert.deepEqual(Object.keys(content).sort(), [
          'application/json',
          'application/x-www-form-urlencoded',
          'text/plain',
        ]);
        assert.equal(content['application/json'].schema.additionalProperties, false);
        assert.match(
          content['application/json'].schema.properties.msg.description,
          /at most 200 characters/,
        );
        assert.equal(content['text/plain'].schema.type, 'string');
        assert.ok(op.parameters.some((p: any) => p.in === 'query' && p.name === 'msg'));
      }
      assert.equal(doc.paths['/api/v1/ping/{key}/fail'].get.requestBody, undefined);
      assert.match(doc.paths['/api/v1/ping/{key}/start'].get.summary, /grace/);
    });

    it('describes the ticket body, the event body and the query parameters', () => {
      const create =
        doc.paths['/api/v1/tickets'].post.requestBody.content['application/json'].schema;
      assert.deepEqual([...create.required].sort(), ['channel', 'kind', 'priority', 'subject']);
      assert.equal(create.additionalProperties, false);
      assert.deepEqual(create.properties.kind.enum, [
        'inquiry',
        'problem',
        'complaint',
        'suggestion',
        'feedback',
      ]);
      assert.deepEqual(create.properties.priority.enum, ['urgent', 'general', 'complex']);

      const event =
        doc.paths['/api/v1/tickets/{id}/events'].post.requestBody.content['application/json']
          .schema;
      assert.deepEqual(event.required, ['type']);
      assert.deepEqual(event.properties.type.enum, [
        'acknowledged',
        'classified',
        'staged_solution_provided',
        'solution_provided',
        'resolved',
        'reopened',
        'waiting_on_customer',
        'customer_replied',
        'closed',
        'rated',
        'adopted',
        'rejected',
      ]);
      assert.equal(event.properties.rating.minimum, 1);
      assert.equal(event.properties.rating.maximum, 5);

      const idParam = doc.paths['/api/v1/tickets/{id}'].get.parameters.find(
        (p: any) => p.name === 'id',
      );
      assert.equal(idParam.in, 'path');
      assert.equal(idParam.required, true);

      const listParams = new Map(
        doc.paths['/api/v1/tickets'].get.parameters.map((p: any) => [p.name, p]),
      );
      for (const name of [
        'customer',
        'status',
        'kind',
        'priority',
        'breached',
        'order',
        'limit',
        'offset',
      ]) {
        const p: any = listParams.get(name);
        assert.ok(p, `the ticket list documents ?${name}`);
        assert.equal(p.in, 'query');
      }
      assert.deepEqual((listParams.get('order') as any).schema.enum, ['queue', 'newest']);

      const complianceParams = doc.paths['/api/v1/compliance'].get.parameters
        .map((p: any) => p.name)
        .sort();
      assert.deepEqual(complianceParams, ['customer', 'from', 'month', 'to']);
    });

    it('the running policy states the guarantee: targets, plans and time zone', async () => {
      const r = await s.api('GET', '/api/v1/policy');
      expectStatus(r, 200);
      assert.equal(r.body.timezone, 'Asia/Shanghai');
      assert.equal(r.body.currency, 'CNY');
      const targets = Object.fromEntries(r.body.commitments.map((c: any) => [c.id, c.target]));
      assert.deepEqual(targets, {
        'C-01': '15m',
        'C-02': '2h',
        'C-03': '1d',
        'C-04': '3d',
        'C-05': '>= 99.9%',
        'C-06': '<= 30m',
        'C-07': '>= 100%',
        'C-08': '<= 4h',
        'C-09': '>= 4.5',
        'C-10': '>= 98%',
        'C-11': '<= 2%',
        'C-12': '>= 85%',
        'R-01': '15m',
        'R-02': '30m',
        'R-03': '2h',
        'F-02': '2h',
        'F-03': '1d',
      });
      const c01 = r.body.commitments.find((c: any) => c.id === 'C-01');
      assert.deepEqual(c01.warnAt, [0.75, 0.9]);
      const premium = r.body.plans.find((p: any) => p.id === 'premium');
      assert.deepEqual(premium.overrides, { 'C-01': '10m', 'C-03': '12h' });
    });

    it('every documented operation is served (none is "no such endpoint")', async () => {
      for (const [path, methods] of Object.entries(EXPECTED)) {
        for (const method of methods) {
          const concrete = path.replace('{id}', '1');
          const body =
            method === 'post' || method === 'delete'
              ? method === 'post'
                ? {}
                : undefined
              : undefined;
          const r = await s.api(method.toUpperCase(), concrete, body);
          const message: string = r.body?.error?.message ?? '';
          assert.ok(!message.startsWith('no such endpoint'), `${method} ${concrete}: ${message}`);
          assert.notEqual(r.status, 500, `${method} ${concrete}`);
        }
      }
    });
  });
}
