import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { MonitorRow, MonitorStateRow, Store } from '../../src/services/store/index.js';
import { freshStore, testDatabases } from '../helpers/databases.js';
import { HOUR } from '../../src/domain/duration.js';

/** The availability repositories behave the same on SQLite and PostgreSQL. */
const T0 = Date.parse('2026-10-05T08:00:00Z');
const monitor = (id: string, extra: Partial<MonitorRow> = {}): MonitorRow => ({
  id,
  service: 'api',
  customer: null,
  type: 'http',
  definition: { id, name: id, service: 'api', type: 'http', url: 'http://a/' },
  locations: ['local', 'east'],
  source: 'api',
  pingKey: null,
  createdAt: T0,
  updatedAt: T0,
  removedAt: null,
  ...extra,
});
const state = (
  monitorId: string,
  location: string,
  extra: Partial<MonitorStateRow> = {},
): MonitorStateRow => ({
  monitorId,
  location,
  status: 'up',
  since: T0,
  failures: 0,
  detectedAt: null,
  lastAt: T0,
  lastOk: true,
  lastCause: null,
  lastMessage: null,
  lastLatencyMs: 1.5,
  lastWarning: null,
  ...extra,
});

for (const db of await testDatabases()) {
  describe(`availability store contract [${db.name}]`, { skip: db.skip }, () => {
    let store: Store;
    let close: () => Promise<void>;
    before(async () => {
      ({ store, close } = await freshStore(db));
    });
    after(() => close?.());

    test('monitors round-trip; removed ones leave the list but not the history; the version moves', async () => {
      const v0 = await store.monitors.version();
      await store.monitors.upsert(monitor('a'));
      await store.monitors.upsert(
        monitor('b', { service: 'web', pingKey: 'k'.repeat(24), type: 'heartbeat' }),
      );
      assert.notEqual(await store.monitors.version(), v0);
      assert.deepEqual(await store.monitors.get('a'), monitor('a'));
      const v1 = await store.monitors.version();
      await store.monitors.upsert(monitor('a', { removedAt: T0 + HOUR, updatedAt: T0 + HOUR }));
      assert.notEqual(await store.monitors.version(), v1);
      assert.deepEqual(
        (await store.monitors.list()).map((m) => m.id),
        ['b'],
      );
      assert.deepEqual(
        (await store.monitors.list({ includeRemoved: true, service: 'api' })).map((m) => m.id),
        ['a'],
      );
      assert.equal((await store.monitors.byPingKey('k'.repeat(24)))?.id, 'b');
      assert.deepEqual(
        (await store.monitors.getMany(['a', 'b', 'a', 'zz'])).map((m) => m.id).sort(),
        ['a', 'b'],
      );
    });

    test('states are upserted per monitor and location, the last of a batch winning', async () => {
      await store.monitorStates.save([
        state('s', 'local'),
        state('s', 'east', { status: 'failing', failures: 1, lastOk: false, lastCause: 'status' }),
        state('s', 'local', { status: 'down', detectedAt: T0 + 1 }),
      ]);
      await store.monitorStates.save([
        state('s', 'east', { status: 'down', detectedAt: T0 + 2, lastMessage: 'answered 503' }),
      ]);
      const rows = await store.monitorStates.list(['s']);
      assert.deepEqual(
        rows.map((r) => [r.location, r.status, r.detectedAt]),
        [
          ['east', 'down', T0 + 2],
          ['local', 'down', T0 + 1],
        ],
      );
      assert.deepEqual(
        (await store.monitorStates.list(['s'], 'east'))[0],
        state('s', 'east', { status: 'down', detectedAt: T0 + 2, lastMessage: 'answered 503' }),
      );
    });

    test('hourly check counts add up, the slowest check is kept, repeated keys in one batch merge', async () => {
      const d = {
        monitorId: 'h',
        location: 'local',
        hour: T0,
        checks: 1,
        failures: 0,
        latencySum: 10,
        latencyMax: 10,
      };
      await store.checkHours.add([d, { ...d, failures: 1, latencySum: 30, latencyMax: 30 }]);
      await store.checkHours.add([
        { ...d, latencySum: 5, latencyMax: 5 },
        { ...d, hour: T0 + HOUR },
      ]);
      assert.deepEqual(
        (await store.checkHours.between('h', T0, T0 + 2 * HOUR)).map((x) => [
          x.hour,
          x.checks,
          x.failures,
          x.latencySum,
          x.latencyMax,
        ]),
        [
          [T0, 3, 1, 45, 30],
          [T0 + HOUR, 1, 0, 10, 10],
        ],
      );
      assert.equal(await store.checkHours.prune(T0 + HOUR), 1);
      assert.deepEqual(
        (await store.checkHours.between('h', T0, T0 + 2 * HOUR)).map((x) => x.hour),
        [T0 + HOUR],
      );
    });

    test('heartbeat reports: the latest success and the latest report of any kind, a late-arriving older one changing neither', async () => {
      assert.deepEqual(await store.heartbeats.get('hb'), {});
      await store.heartbeats.record('hb', { kind: 'success', at: T0, message: null });
      assert.deepEqual(await store.heartbeats.get('hb'), {
        lastPingAt: T0,
        latest: { kind: 'success', at: T0, message: null },
      });
      await store.heartbeats.record('hb', {
        kind: 'fail',
        at: T0 + 10,
        message: 'disk full',
      });
      await store.heartbeats.record('hb', { kind: 'success', at: T0 + 5, message: null }); // from an instance whose clock is behind
      assert.deepEqual(await store.heartbeats.get('hb'), {
        lastPingAt: T0 + 5,
        latest: { kind: 'fail', at: T0 + 10, message: 'disk full' },
      });
      // At the same instant the report written last wins: a success right after a failure clears it.
      await store.heartbeats.record('hb', { kind: 'success', at: T0 + 10, message: null });
      assert.deepEqual(await store.heartbeats.get('hb'), {
        lastPingAt: T0 + 10,
        latest: { kind: 'success', at: T0 + 10, message: null },
      });
      await store.heartbeats.record('hb', { kind: 'start', at: T0 + 20, message: null });
      assert.deepEqual(await store.heartbeats.get('hb'), {
        lastPingAt: T0 + 10,
        latest: { kind: 'start', at: T0 + 20, message: null },
      });
      // A job whose first report is a failure has no success yet.
      await store.heartbeats.record('first', { kind: 'fail', at: T0, message: null });
      assert.deepEqual(await store.heartbeats.get('first'), {
        latest: { kind: 'fail', at: T0, message: null },
      });
    });

    test('downtimes open and close per monitor and location; a window sees those overlapping it', async () => {
      await store.downtimes.open({
        monitorId: 'd',
        location: 'local',
        service: 'svc',
        from: T0,
        cause: 'status',
        message: 'answered 503',
      });
      await store.downtimes.open({
        monitorId: 'd',
        location: 'east',
        service: 'svc',
        from: T0 + 10,
        cause: 'timeout',
        message: 'no answer',
      });
      await store.downtimes.close('d', 'local', T0 + HOUR);
      assert.deepEqual(
        (await store.downtimes.ofService('svc', T0 + 2 * HOUR, T0 + 3 * HOUR)).map((x) => [
          x.location,
          x.to,
        ]),
        [['east', null]],
      );
      assert.deepEqual(
        (await store.downtimes.ofService('svc', T0 - HOUR, T0 + 1)).map((x) => [
          x.location,
          x.from,
          x.to,
        ]),
        [['local', T0, T0 + HOUR]],
      );
      assert.deepEqual(await store.downtimes.servicesDownBetween(T0 + 2 * HOUR, T0 + 3 * HOUR), [
        'svc',
      ]);
      assert.deepEqual(await store.downtimes.servicesDownBetween(T0 - 2 * HOUR, T0 - HOUR), []);
    });

    test('incidents: one unresolved per service, even when two writers race', async () => {
      const base = {
        service: 'pay',
        customer: null,
        title: 'down',
        origin: 'monitor' as const,
        detectedAt: T0,
        createdAt: T0,
      };
      const id = await store.incidents.insert(base);
      await assert.rejects(
        store.transaction((tx) => tx.incidents.insert(base)),
        /already has an open incident/,
      );
      await store.incidents.appendEvent(id, {
        seq: 1,
        type: 'detected',
        at: T0,
        recordedAt: T0,
        actor: 'monitor',
        note: null,
      });
      assert.equal((await store.incidents.openFor('pay'))?.id, id);
      await store.incidents.update(id, {
        state: 'resolved',
        acknowledgedAt: null,
        mitigatedAt: null,
        resolvedAt: T0 + HOUR,
      });
      assert.equal(await store.incidents.openFor('pay'), undefined);
      const again = await store.incidents.insert({ ...base, detectedAt: T0 + 2 * HOUR });
      assert.deepEqual(
        (
          await store.incidents.overlapping(T0 + 90 * 60_000, T0 + 3 * HOUR, { service: 'pay' })
        ).map((i) => i.id),
        [again],
      );
      assert.deepEqual(
        (await store.incidents.list({ service: 'pay', limit: 10, offset: 0 })).incidents.map(
          (i) => [i.id, i.events.length],
        ),
        [
          [again, 0],
          [id, 1],
        ],
      );
    });

    test('maintenance: cancelling keeps what passed; agents and their silences; probe tokens', async () => {
      const w = {
        service: 'api',
        title: 't',
        kind: 'once' as const,
        spec: null,
        from: T0,
        to: T0 + 2 * HOUR,
        declaredAt: T0 - HOUR,
        until: null,
        source: 'api' as const,
        policyKey: null,
        createdBy: 'x',
        cancelledAt: null,
      };
      const started = await store.maintenance.insert(w);
      const ahead = await store.maintenance.insert({
        ...w,
        from: T0 + 5 * HOUR,
        to: T0 + 6 * HOUR,
      });
      await store.maintenance.cancel(started, T0 + HOUR);
      await store.maintenance.cancel(ahead, T0 + HOUR);
      const all = await store.maintenance.list({ service: 'api', all: true });
      assert.deepEqual(
        all.map((x) => [x.from, x.to, x.cancelledAt]),
        [
          [T0, T0 + HOUR, T0 + HOUR],
          [T0 + 5 * HOUR, T0 + 5 * HOUR, T0 + HOUR],
        ],
      );
      assert.deepEqual(await store.maintenance.list({ service: 'api' }), []);

      await store.agents.save({
        location: 'east',
        firstSeenAt: T0,
        lastSeenAt: T0 + HOUR,
        silentSince: null,
        version: '1',
      });
      await store.agents.openSilence('east', T0 + HOUR);
      await store.agents.closeSilence('east', T0 + 2 * HOUR);
      await store.agents.openSilence('east', T0 + 3 * HOUR);
      assert.deepEqual(await store.agents.silences(['east', 'west'], T0, T0 + 4 * HOUR), [
        { location: 'east', from: T0 + HOUR, to: T0 + 2 * HOUR },
        { location: 'east', from: T0 + 3 * HOUR, to: null },
      ]);
      await store.agents.bindToken('tok_1', 'east');
      assert.equal(await store.agents.tokenLocation('tok_1'), 'east');
      assert.equal(await store.agents.tokenLocation('tok_2'), undefined);

      const run = {
        kind: 'health' as const,
        name: 'deep',
        scheduledAt: T0,
        startedAt: T0,
        finishedAt: T0 + 5,
        status: 'passed' as const,
        source: 'scheduled' as const,
        report: { summary: 'ok', results: [1, 2] },
      };
      const r1 = await store.checkups.insert(run);
      const r2 = await store.checkups.insert({ ...run, startedAt: T0 + HOUR, status: 'missed' });
      assert.deepEqual(await store.checkups.get(r1), { ...run, id: r1 });
      assert.equal((await store.checkups.latest('health', 'deep'))?.id, r2);
      assert.deepEqual(
        (await store.checkups.list({ kind: 'health', limit: 10 })).map((r) => r.id),
        [r2, r1],
      );
    });
  });
}
