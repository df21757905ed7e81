// The credit ledger over a month of imported tickets, on both databases: hand-computed
// totals, idempotence, a correction with its audit trail, customer scope, API and CLI alike.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { resolveConfig } from '../../../src/runtime/config.js';
import { createLogger } from '../../../src/runtime/logger.js';
import { startServer, type ServerApp } from '../../../src/runtime/server-app.js';
import { ManualTime } from '../../../src/runtime/time.js';
import { readFileSync } from 'node:fs';
import { DEFAULT_POLICY } from '../../../src/runtime/paths.js';
import { refreshIfPolicyChanged } from '../../../src/services/clocks/refresh-on-policy-change.js';
import { SYSTEM } from '../../../src/services/context.js';
import { recordPolicyVersion } from '../../../src/services/policy/record-version.js';
import { creditAudit, creditStatement } from '../../../src/services/credits/statement.js';
import { policyFrom } from '../../helpers/policy.js';
import { surety } from '../../helpers/cli.js';
import { testDatabases, type TestDatabase } from '../../helpers/databases.js';
import { ADMIN_TOKEN } from '../../helpers/server.js';

const dbs = await testDatabases();

const ticket = (
  customer: string,
  externalId: string,
  kind: string,
  priority: string,
  createdAt: string,
  events: Array<[string, string]>,
) => ({
  customer,
  externalId,
  kind,
  priority,
  channel: 'email',
  subject: externalId,
  createdAt,
  events: events.map(([type, at]) => ({ type, at })),
});

// October 2026 in Asia/Shanghai is [2026-09-30T16:00Z, 2026-10-31T16:00Z).
const HISTORY = [
  ticket('acme', 'A1', 'inquiry', 'general', '2026-10-05T02:00:00Z', [
    ['acknowledged', '2026-10-05T02:20:00Z'],
  ]), // C-01 late by 5 min
  ticket('acme', 'A2', 'problem', 'urgent', '2026-10-10T02:00:00Z', [
    ['acknowledged', '2026-10-10T02:05:00Z'],
    ['solution_provided', '2026-10-10T05:00:00Z'],
  ]), // C-02: 3 h > 2 h
  ticket('acme', 'A3', 'inquiry', 'general', '2026-10-12T02:00:00Z', [
    ['acknowledged', '2026-10-12T02:05:00Z'],
  ]), // in time
  ticket('acme', 'A4', 'inquiry', 'general', '2026-09-30T15:50:00Z', [
    ['acknowledged', '2026-09-30T17:00:00Z'],
  ]), // due 00:05 Shanghai on Oct 1: an October breach
  ticket('acme', 'A5', 'inquiry', 'general', '2026-10-31T15:50:00Z', [
    ['acknowledged', '2026-10-31T17:00:00Z'],
  ]), // due 00:05 on Nov 1: November's
  ticket('globex', 'G1', 'inquiry', 'general', '2026-10-20T00:00:00Z', []), // never answered
  ticket('globex', 'G2', 'problem', 'general', '2026-10-20T00:00:00Z', [
    ['acknowledged', '2026-10-20T00:05:00Z'],
    ['resolved', '2026-10-21T06:00:00Z'],
  ]), // C-03: 30 h > 24 h
];

async function boot(db: TestDatabase) {
  const location = await db.fresh();
  const time = new ManualTime(Date.parse('2026-11-10T02:00:00Z'));
  const config = resolveConfig(
    { port: '0', dataDir: location.dataDir, db: location.url, adminToken: ADMIN_TOKEN },
    {},
  );
  const app = await startServer(config, {
    time,
    logger: createLogger('silent'),
    sweepIntervalMs: 0,
  });
  const api = async (method: string, path: string, body?: unknown, token = ADMIN_TOKEN) => {
    const r = await fetch(`${app.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: r.status, body: (await r.json()) as any };
  };
  return { app, api, location, time };
}

for (const db of dbs) {
  describe(`the credit ledger [${db.name}]`, { skip: db.skip }, () => {
    let app: ServerApp;
    let api: Awaited<ReturnType<typeof boot>>['api'];
    let location: Awaited<ReturnType<TestDatabase['fresh']>>;
    let ids: Record<string, number>;
    before(async () => {
      ({ app, api, location } = await boot(db));
      assert.equal(
        (
          await api('POST', '/api/v1/customers', {
            id: 'acme',
            name: 'ACME Ltd',
            monthlyFee: 20000,
          })
        ).status,
        201,
      );
      assert.equal(
        (
          await api('POST', '/api/v1/customers', {
            id: 'globex',
            name: 'Globex',
            monthlyFee: 1234.57,
          })
        ).status,
        201,
      );
      const imported = await api('POST', '/api/v1/tickets/import', { tickets: HISTORY });
      assert.equal(imported.status, 201, JSON.stringify(imported.body));
      ids = Object.fromEntries(HISTORY.map((t, i) => [t.externalId, imported.body.ids[i]]));
      await app.consequences.runOnce(); // the breach signals: recorded, credited, and (being history) paged to no one
    });
    after(async () => {
      await app?.close();
      await location?.cleanup();
    });

    test('each response timeout earns 5 % of the monthly fee, checked by hand', async () => {
      const r = await api('GET', '/api/v1/credits?month=2026-10');
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.match(r.body.rounding, /half up/);
      const by = Object.fromEntries(r.body.customers.map((c: any) => [c.customer, c]));
      // ACME: A1 (C-01), A4 (C-01, due Oct 1 00:05 Shanghai), A2 (C-02) → 3 × 5 % × 20,000.00 = 3,000.00
      assert.equal(by.acme.currency, 'CNY');
      assert.equal(by.acme.total, 3000);
      assert.deepEqual(
        by.acme.lines.map((l: any) => [l.commitment, l.ticket, l.amount]),
        [
          ['C-01', ids.A4, 1000],
          ['C-01', ids.A1, 1000],
          ['C-02', ids.A2, 1000],
        ],
      );
      const a1 = by.acme.lines.find((l: any) => l.ticket === ids.A1);
      assert.deepEqual(
        [a1.dueAt, a1.breachedAt, a1.stoppedAt],
        ['2026-10-05T02:15:00.000Z', '2026-10-05T02:15:00.000Z', '2026-10-05T02:20:00.000Z'],
      );
      // Globex: G1 (C-01), G2 (C-03) → 2 × round(5 % × 1,234.57 = 61.7285) = 2 × 61.73 = 123.46
      assert.equal(by.globex.total, 123.46);
      assert.deepEqual(
        by.globex.lines.map((l: any) => [l.commitment, l.ticket, l.amount]),
        [
          ['C-01', ids.G1, 61.73],
          ['C-03', ids.G2, 61.73],
        ],
      );
      assert.equal(by.globex.lines[0].stoppedAt, null, 'never answered');
      const november = await api('GET', '/api/v1/credits?month=2026-11&customer=acme');
      assert.deepEqual(
        november.body.customers[0].lines.map((l: any) => l.ticket),
        [ids.A5],
      );
    });

    test('recomputing a month changes nothing', async () => {
      const before = (await api('GET', '/api/v1/credits/audit?month=2026-10')).body.changes.length;
      assert.equal(before, 5, 'five lines added, once');
      const again = await api('GET', '/api/v1/credits?month=2026-10');
      await app.consequences.runOnce();
      const third = await api('GET', '/api/v1/credits?month=2026-10');
      assert.deepEqual(again.body.customers, third.body.customers);
      assert.equal(
        (await api('GET', '/api/v1/credits/audit?month=2026-10')).body.changes.length,
        before,
      );
    });

    test('a customer token sees only its own credits', async () => {
      const token = (await api('POST', '/api/v1/tokens', { role: 'customer', customer: 'globex' }))
        .body.token;
      const mine = await api('GET', '/api/v1/credits?month=2026-10', undefined, token);
      assert.deepEqual(
        mine.body.customers.map((c: any) => c.customer),
        ['globex'],
      );
      assert.equal(
        (await api('GET', '/api/v1/credits?month=2026-10&customer=acme', undefined, token)).status,
        404,
      );
      assert.equal(
        (await api('GET', '/api/v1/credits?month=October', undefined, token)).status,
        400,
      );
    });

    test('the CLI gives the same statement, as JSON and CSV', async () => {
      const args = [
        'credits',
        '--month',
        '2026-10',
        '--data-dir',
        location.dataDir,
        ...(location.url ? ['--db', location.url] : []),
      ];
      const json = await surety([...args, '--format', 'json']);
      assert.equal(json.code, 0, json.stderr);
      const cli = JSON.parse(json.stdout);
      const api2 = (await api('GET', '/api/v1/credits?month=2026-10')).body;
      assert.deepEqual(cli.customers, api2.customers);
      const csv = await surety([...args, '--customer', 'globex', '--format', 'csv']);
      assert.equal(csv.code, 0, csv.stderr);
      assert.deepEqual(csv.stdout.trim().split('\n'), [
        'month,customer,currency,row,commitment,consequence,ticket,incident,due_at,breached_at,percent_of_monthly_fee,amount',
        `2026-10,globex,CNY,line,C-01,response-timeout-credit,${ids.G1},,2026-10-20T00:15:00.000Z,2026-10-20T00:15:00.000Z,5,61.73`,
        `2026-10,globex,CNY,line,C-03,response-timeout-credit,${ids.G2},,2026-10-21T00:00:00.000Z,2026-10-21T00:00:00.000Z,5,61.73`,
        '2026-10,globex,CNY,total,,,,,,,,123.46',
      ]);
    });

    test('a corrected policy applies from its effectiveFrom on: the breaches before it and their lines stand', async () => {
      // C-02 relaxed to 4 h. Before versions, restarting with it re-derived A2 (still open)
      // without its breach and voided its line; now A2 keeps the terms it was created under.
      const before = await creditStatement({
        ctx: app.core.context(SYSTEM),
        input: { month: '2026-10', customer: 'acme' },
      });
      const relaxed = policyFrom(
        readFileSync(DEFAULT_POLICY, 'utf8').replace(/(id: C-02[\s\S]*?target: )2h/, '$14h'),
      );
      const ctx = {
        store: app.core.store,
        policy: relaxed,
        time: app.core.time,
        caller: { ...SYSTEM, id: 'account-manager' },
      };
      const stored = await recordPolicyVersion({ ctx, where: 'relaxed.yaml' });
      assert.equal(stored.created, true);
      assert.equal(stored.version.effectiveFrom, app.core.time.now());
      assert.deepEqual(stored.version.loadedBy, { id: 'account-manager' });
      assert.equal(await refreshIfPolicyChanged({ ctx }), 0);
      const r = await creditStatement({ ctx, input: { month: '2026-10', customer: 'acme' } });
      assert.deepEqual(r.customers, before.customers);
      assert.ok(r.customers[0]!.lines.some((l) => l.ticket === ids.A2));
      const audit = (await creditAudit({ ctx, input: { month: '2026-10', customer: 'acme' } }))
        .changes;
      assert.equal(audit.filter((c) => c.action === 'voided').length, 0);
    });
  });
}
