// The auditor role: a third-party assessor's token reads everything an admin reads, of every
// customer, and writes nothing but assessments. The representative writes are tried on real
// objects (and are shown to have written nothing); then every write operation the OpenAPI
// document lists is tried, so a route added later without its role check fails here.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testDatabases } from '../helpers/databases.js';
import type { TestServer } from '../helpers/server.js';
import {
  HOUR,
  addCustomer,
  expectError,
  expectStatus,
  issueToken,
  openTicket,
  record,
  serverPerTest,
} from './support.js';

const dbs = await testDatabases();

const INGEST: Record<string, [string, string]> = {
  '/write': ['text/plain', 'cpu value=1'],
  '/api/v1/write': ['text/plain', 'cpu value=1'],
  '/api/v1/prom/write': ['application/x-protobuf', 'not snappy'],
};

/** Two customers with tickets (one breached), a correction, a monitor, an incident, an alert, an improvement item. */
async function world(s: TestServer) {
  await addCustomer(s, 'acme');
  await addCustomer(s, 'beta');
  const mine = await openTicket(s, { customer: 'acme', subject: 'acme asks' });
  const theirs = await openTicket(s, { customer: 'beta', kind: 'problem', priority: 'urgent' });
  await record(s, mine.id, 'acknowledged', { note: 'typo here' });
  expectStatus(
    await s.api('POST', `/api/v1/tickets/${mine.id}/events/1/correct`, {
      note: 'read it',
      reason: 'the note was mistyped',
    }),
    201,
  );
  expectStatus(
    await s.api('POST', '/api/v1/monitors', {
      id: 'beta-api',
      service: 'beta-api',
      customer: 'beta',
      type: 'http',
      target: 'http://127.0.0.1:9/',
    }),
    201,
  );
  const incident = await s.api('POST', '/api/v1/incidents', { service: 'billing', title: 'down' });
  expectStatus(incident, 201);
  const improvement = await s.api('POST', '/api/v1/improvements', {
    month: '2026-10',
    title: 'Faster first answers',
    owner: 'Li Wei',
    dueDate: '2026-10-30',
  });
  expectStatus(improvement, 201);
  // The urgent problem's first answer is overdue: a breach, a signal, an alert.
  s.time.advance(2 * HOUR);
  await s.app.sweeper.runOnce();
  await s.app.consequences.runOnce();
  const alerts = (await s.api('GET', '/api/v1/alerts?status=all')).body.alerts;
  assert.ok(alerts.length > 0, 'the breach opened an alert');
  const auditor = await issueToken(s, 'auditor');
  return {
    mine: mine.id as number,
    theirs: theirs.id as number,
    incident: incident.body.id as number,
    improvement: improvement.body.id as number,
    alert: alerts[0].id as number,
    auditor: auditor.token,
    auditorId: auditor.id,
  };
}

/** What a read of each kind answers, to compare before and after the refused writes. */
async function snapshot(s: TestServer, w: Awaited<ReturnType<typeof world>>) {
  const body = async (path: string) => {
    const r = await s.api('GET', path);
    expectStatus(r, 200);
    return r.body;
  };
  return {
    customers: await body('/api/v1/customers'),
    tickets: await body('/api/v1/tickets'),
    mine: await body(`/api/v1/tickets/${w.mine}`),
    corrections: await body(`/api/v1/tickets/${w.mine}/corrections`),
    monitors: (await body('/api/v1/monitors')).monitors.map((m: any) => m.id),
    tokens: await body('/api/v1/tokens'),
    alert: await body(`/api/v1/alerts/${w.alert}`),
    incidents: await body('/api/v1/incidents'),
    improvements: await body('/api/v1/improvements'),
  };
}

for (const db of dbs) {
  describe(`the auditor role [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db);

    it('is issued like any token and says who it is', async () => {
      const s = server();
      const created = await s.api('POST', '/api/v1/tokens', { role: 'auditor', name: 'CQC 2026' });
      expectStatus(created, 201);
      assert.equal(created.body.role, 'auditor');
      assert.equal(created.body.customer, null);
      assert.deepEqual((await s.api('GET', '/api/v1/whoami', undefined, created.body.token)).body, {
        role: 'auditor',
        customer: null,
        token: created.body.id,
      });
      await addCustomer(s, 'acme');
      expectError(
        await s.api('POST', '/api/v1/tokens', { role: 'auditor', customer: 'acme' }),
        400,
        'invalid_input',
        'only a customer token belongs to a customer',
      );
    });

    it('gets 403 on the representative writes, and nothing changes', async () => {
      const s = server();
      const w = await world(s);
      const before = await snapshot(s, w);
      const writes: Array<[string, string, unknown]> = [
        [
          'POST',
          '/api/v1/tickets',
          { customer: 'acme', kind: 'inquiry', priority: 'general', channel: 'web', subject: 'x' },
        ],
        ['POST', `/api/v1/tickets/${w.theirs}/events`, { type: 'acknowledged' }],
        [
          'POST',
          `/api/v1/tickets/${w.mine}/events/1/correct`,
          { note: 'assessor was here', reason: 'testing' },
        ],
        [
          'POST',
          '/api/v1/monitors',
          { id: 'x', service: 'x', type: 'http', target: 'http://127.0.0.1:9/' },
        ],
        ['POST', '/api/v1/customers', { id: 'gamma', name: 'Gamma', monthlyFee: 1 }],
        ['POST', '/api/v1/tokens', { role: 'admin' }],
        ['POST', '/api/v1/tokens', { role: 'auditor' }],
        ['DELETE', `/api/v1/tokens/${w.auditorId}`, undefined],
        ['POST', `/api/v1/alerts/${w.alert}/acknowledge`, { note: 'seen' }],
        ['POST', `/api/v1/alerts/${w.alert}/resolve`, {}],
        ['POST', `/api/v1/incidents/${w.incident}/events`, { type: 'resolved' }],
        ['PATCH', `/api/v1/improvements/${w.improvement}`, { status: 'done' }],
        [
          'POST',
          `/api/v1/improvements/${w.improvement}/reviews`,
          { quarter: '2026-Q4', effect: 'effective' },
        ],
      ];
      for (const [method, path, body] of writes) {
        const e = expectError(await s.api(method, path, body, w.auditor), 403, 'forbidden');
        assert.match(e.message, /this one is an auditor token/, `${method} ${path}`);
      }
      assert.deepEqual(await snapshot(s, w), before, 'the refused writes wrote nothing');
    });

    it('gets 403 on every write the API document lists, except recording an assessment', async () => {
      const s = server();
      const w = await world(s);
      const doc = (await s.api('GET', '/api/v1/openapi.json')).body;
      const tried: string[] = [];
      for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
        for (const [method, op] of Object.entries(ops)) {
          if (method === 'get' || (op.security && op.security.length === 0)) continue;
          if (path === '/api/v1/assessments') continue;
          const url = path
            .replace('{id}', String(w.mine))
            .replace('{seq}', '1')
            .replace('{schedule}', 'monthly')
            .replace('{period}', '2026-10');
          const query = path.startsWith('/api/v1/agent/') ? '?location=local' : '';
          // Metrics arrive as line protocol or remote write, not JSON.
          const bytes = INGEST[path];
          const r = bytes
            ? await s.raw('POST', path, bytes[1], {
                authorization: `Bearer ${w.auditor}`,
                'content-type': bytes[0],
              })
            : await s.api(method.toUpperCase(), url + query, {}, w.auditor);
          assert.equal(
            r.status,
            403,
            `${method.toUpperCase()} ${path}: ${r.status} ${JSON.stringify(r.body)}`,
          );
          tried.push(`${method} ${path}`);
        }
      }
      assert.ok(tried.length >= 30, `tried ${tried.length} writes`);
      // The probe routes: an agent's GET records it as seen, so it is a write too.
      expectError(
        await s.api('GET', '/api/v1/agent/monitors?location=local', undefined, w.auditor),
        403,
        'forbidden',
      );
    });

    it('reads what an admin reads, of every customer', async () => {
      const s = server();
      const w = await world(s);
      const reads = [
        '/api/v1/customers',
        '/api/v1/customers/beta',
        '/api/v1/tickets',
        `/api/v1/tickets/${w.mine}`,
        `/api/v1/tickets/${w.theirs}`,
        `/api/v1/tickets/${w.mine}/corrections`,
        '/api/v1/compliance?month=2026-10',
        '/api/v1/compliance?month=2026-10&customer=beta',
        '/api/v1/credits?month=2026-10',
        '/api/v1/credits/audit?month=2026-10',
        '/api/v1/views/overview?month=2026-10',
        '/api/v1/signals',
        '/api/v1/alerts?status=all',
        `/api/v1/alerts/${w.alert}`,
        '/api/v1/incidents',
        `/api/v1/incidents/${w.incident}`,
        '/api/v1/monitors',
        '/api/v1/monitors/beta-api',
        '/api/v1/monitors/beta-api/history',
        '/api/v1/maintenance',
        '/api/v1/improvements',
        `/api/v1/improvements/${w.improvement}`,
        '/api/v1/notifications',
        '/api/v1/oncall',
        '/api/v1/agents',
        '/api/v1/health-checks',
        '/api/v1/stress-tests',
        '/api/v1/tokens',
        '/api/v1/series',
        '/api/v1/reports/runs',
        '/api/v1/reports/daily?date=2026-10-05&format=json',
        '/api/v1/reports/quarterly?date=2026-Q4&format=json',
        '/api/v1/reports/quarterly?date=2026-Q4&format=json&customer=beta',
        '/api/v1/reports/monthly?date=2026-10',
        '/api/v1/assessments',
        '/api/v1/policy',
      ];
      for (const path of reads) {
        const admin = await s.api('GET', path);
        expectStatus(admin, 200);
        const auditor = await s.api('GET', path, undefined, w.auditor);
        assert.equal(auditor.status, 200, `${path}: ${JSON.stringify(auditor.body)}`);
        // ECharts numbers its SVG classes per render; everything else is the admin's page.
        const same = (b: unknown) =>
          typeof b === 'string' ? b.replace(/zr\d+-cls-\d+/g, 'zr-cls') : b;
        assert.deepEqual(
          same(auditor.body),
          same(admin.body),
          `${path} reads the same as for an admin`,
        );
      }
      const tickets = (await s.api('GET', '/api/v1/tickets', undefined, w.auditor)).body;
      assert.deepEqual(tickets.tickets.map((t: any) => t.customer).sort(), ['acme', 'beta']);
      // Every read without a path parameter the document lists answers the auditor as the admin.
      const doc = (await s.api('GET', '/api/v1/openapi.json')).body;
      for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
        if (!ops.get || path.includes('{') || path.startsWith('/api/v1/agent/')) continue;
        const admin = await s.api('GET', path);
        const auditor = await s.api('GET', path, undefined, w.auditor);
        assert.equal(auditor.status, admin.status, `GET ${path}`);
      }
    });

    it('records an assessment, the one write it may make', async () => {
      const s = server();
      const w = await world(s);
      const r = await s.api(
        'POST',
        '/api/v1/assessments',
        {
          period: '2026-Q3',
          assessor: 'Zhang Min',
          organisation: 'CQC',
          scope: 'service desk',
          findings: [],
          verdict: 'pass',
          date: '2026-10-02',
        },
        w.auditor,
      );
      expectStatus(r, 201);
      assert.equal(r.body.recordedBy.id, w.auditorId);
    });
  });
}
