import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testDatabases } from '../helpers/databases.js';
import {
  MIN,
  T0,
  addCustomer,
  expectError,
  expectStatus,
  iso,
  issueToken,
  serverPerTest,
} from './support.js';

for (const db of await testDatabases()) {
  describe(`incidents [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db);

    it('opened by hand, then acknowledged, mitigated and resolved, with notes, each a signal; clocks stop at their step', async () => {
      const s = server();
      const r = await s.api('POST', '/api/v1/incidents', {
        service: 'billing',
        title: 'Invoices fail to render',
        note: 'reported by support',
      });
      expectStatus(r, 201);
      const id = r.body.id;
      assert.deepEqual(
        [r.body.state, r.body.origin, r.body.detectedAt, r.body.resolvedAt],
        ['open', 'manual', iso(T0), null],
      );
      assert.deepEqual(
        r.body.clocks.map((c: any) => [c.commitment, c.state, c.dueAt]),
        [
          ['R-01', 'running', iso(T0 + 15 * MIN)],
          ['R-02', 'running', iso(T0 + 30 * MIN)],
          ['R-03', 'running', iso(T0 + 120 * MIN)],
        ],
      );
      const step = async (minutes: number, body: Record<string, unknown>) => {
        s.time.set(T0 + minutes * MIN);
        const x = await s.api('POST', `/api/v1/incidents/${id}/events`, body);
        expectStatus(x, 201);
        return x.body;
      };
      await step(9, { type: 'acknowledged' });
      await step(10, { type: 'note', note: 'failing over to the standby database' });
      await step(25, { type: 'mitigated' });
      const done = await step(70, { type: 'resolved', note: 'primary restored' });
      assert.deepEqual(
        [done.state, done.acknowledgedAt, done.mitigatedAt, done.resolvedAt],
        ['resolved', iso(T0 + 9 * MIN), iso(T0 + 25 * MIN), iso(T0 + 70 * MIN)],
      );
      assert.deepEqual(
        done.timeline.map((e: any) => e.type),
        ['detected', 'acknowledged', 'note', 'mitigated', 'resolved'],
      );
      assert.deepEqual(
        done.clocks.map((c: any) => [c.commitment, c.state, c.stoppedAt]),
        [
          ['R-01', 'met', iso(T0 + 9 * MIN)],
          ['R-02', 'met', iso(T0 + 25 * MIN)],
          ['R-03', 'met', iso(T0 + 70 * MIN)],
        ],
      );
      const signals = (await s.api('GET', '/api/v1/signals?limit=100')).body.signals.filter(
        (x: any) => x.subject.type === 'incident',
      );
      assert.deepEqual(
        signals.map((x: any) => x.type),
        [
          'incident.opened',
          'incident.acknowledged',
          'incident.note',
          'incident.mitigated',
          'clock.warning',
          'incident.resolved',
        ],
      );
      // Mitigated at 25 min: past 75 % of R-02's 30 min, so one warning, and no breach.
      assert.deepEqual([signals[4].commitment, signals[4].at], ['R-02', iso(T0 + 22.5 * MIN)]);
      assert.deepEqual(signals[0].data.service, 'billing');
    });

    it('impossible steps are refused and leave the incident as it was', async () => {
      const s = server();
      const id = (await s.api('POST', '/api/v1/incidents', { service: 'billing', title: 'down' }))
        .body.id;
      expectError(
        await s.api('POST', '/api/v1/incidents', { service: 'billing', title: 'again' }),
        409,
        'conflict',
        'already has incident',
      );
      s.time.set(T0 + 5 * MIN);
      expectStatus(
        await s.api('POST', `/api/v1/incidents/${id}/events`, { type: 'acknowledged' }),
        201,
      );
      expectError(
        await s.api('POST', `/api/v1/incidents/${id}/events`, { type: 'acknowledged' }),
        409,
        'conflict',
        'already acknowledged',
      );
      expectError(
        await s.api('POST', `/api/v1/incidents/${id}/events`, {
          type: 'mitigated',
          at: iso(T0 + 2 * MIN),
        }),
        409,
        'conflict',
        'time order',
      );
      expectError(
        await s.api('POST', `/api/v1/incidents/${id}/events`, {
          type: 'mitigated',
          at: iso(T0 + 60 * MIN),
        }),
        400,
        'invalid_input',
        'in the future',
      );
      expectError(
        await s.api('POST', `/api/v1/incidents/${id}/events`, { type: 'note' }),
        400,
        'invalid_input',
        'needs its text',
      );
      expectError(
        await s.api('POST', `/api/v1/incidents/${id}/events`, { type: 'exploded' }),
        400,
        'invalid_input',
      );
      expectError(
        await s.api('POST', '/api/v1/incidents/999/events', { type: 'resolved' }),
        404,
        'not_found',
      );
      expectStatus(
        await s.api('POST', `/api/v1/incidents/${id}/events`, { type: 'resolved' }),
        201,
      );
      expectError(
        await s.api('POST', `/api/v1/incidents/${id}/events`, { type: 'mitigated' }),
        409,
        'conflict',
        'is resolved',
      );
      await addCustomer(s, 'acme');
      const { token } = await issueToken(s, 'customer', 'acme');
      expectError(
        await s.api('POST', '/api/v1/incidents', { service: 'x', title: 'y' }, token),
        403,
        'forbidden',
      );
      const i = (await s.api('GET', `/api/v1/incidents/${id}`)).body;
      assert.deepEqual(
        i.timeline.map((e: any) => e.type),
        ['detected', 'acknowledged', 'resolved'],
      );
    });

    it('incident clocks warn and breach as time passes, on the same stream as ticket clocks', async () => {
      const s = server();
      await addCustomer(s, 'acme', { plan: 'premium' });
      expectStatus(
        await s.api('POST', '/api/v1/monitors', {
          id: 'acme-api',
          service: 'acme-api',
          customer: 'acme',
          type: 'http',
          target: 'http://127.0.0.1:9/',
        }),
        201,
      );
      const id = (
        await s.api('POST', '/api/v1/incidents', { service: 'acme-api', title: 'API errors' })
      ).body.id;
      const stream = async () =>
        (await s.api('GET', '/api/v1/signals?limit=100')).body.signals.filter(
          (x: any) => x.subject.type === 'incident' && x.type.startsWith('clock.'),
        );
      s.time.set(T0 + 12 * MIN);
      await s.app.availability.runOnce();
      assert.deepEqual(
        (await stream()).map((x: any) => [x.type, x.commitment, x.at, x.data.threshold]),
        [['clock.warning', 'R-01', iso(T0 + 11.25 * MIN), 0.75]],
      );
      s.time.set(T0 + 16 * MIN);
      await s.app.availability.runOnce();
      await s.app.availability.runOnce(); // seen twice, recorded once
      const all = await stream();
      assert.deepEqual(
        all.map((x: any) => [x.type, x.commitment, x.at]),
        [
          ['clock.warning', 'R-01', iso(T0 + 11.25 * MIN)],
          ['clock.warning', 'R-01', iso(T0 + 13.5 * MIN)],
          ['clock.breached', 'R-01', iso(T0 + 15 * MIN)],
        ],
      );
      assert.deepEqual(
        [all[2].customer, all[2].subject.id, all[2].data.targetMs],
        ['acme', String(id), 15 * MIN],
      );
    });
  });
}
