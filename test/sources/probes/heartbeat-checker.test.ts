import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HOUR, MINUTE } from '../../../src/domain/duration.js';
import {
  createHeartbeatChecker,
  type HeartbeatState,
} from '../../../src/sources/probes/heartbeat-checker.js';
import { runCheckerContract } from './checker.contract.js';
import { heartbeatMonitor } from './helpers/monitors.js';

const NOW = Date.parse('2026-10-05T08:00:00Z');

/** A lookup over a map; the id "hangs" never answers, "broken" fails, like a stuck or failing store. */
function lookup(states: Record<string, HeartbeatState>) {
  return (id: string): Promise<HeartbeatState> => {
    if (id === 'hangs') return new Promise(() => undefined);
    if (id === 'broken') return Promise.reject(new Error('database is locked'));
    const state = states[id];
    return state ? Promise.resolve(state) : Promise.reject(new Error(`unknown monitor ${id}`));
  };
}

runCheckerContract({
  name: 'heartbeat',
  async setup() {
    // The contract passes the wall clock as now, so these states are relative to it.
    const states = {
      fresh: { lastPingAt: Date.now(), since: 0 },
      late: { lastPingAt: Date.now() - 3 * HOUR, since: 0 },
    };
    return {
      checker: createHeartbeatChecker(lookup(states)),
      good: () => heartbeatMonitor('fresh'),
      bad: () => heartbeatMonitor('late'),
      silent: () => heartbeatMonitor('hangs'),
      close: async () => undefined,
    };
  },
});

describe('heartbeat checker', () => {
  const since = NOW - 10 * HOUR;
  const checker = createHeartbeatChecker(
    lookup({
      fresh: { lastPingAt: NOW - 30 * MINUTE, since },
      'in-grace': { lastPingAt: NOW - HOUR - 4 * MINUTE, since },
      late: { lastPingAt: NOW - 2 * HOUR, since },
      never: { since },
      new: { since: NOW - 10 * MINUTE },
      failed: {
        lastPingAt: NOW - 30 * MINUTE,
        since,
        latest: { kind: 'fail', at: NOW - MINUTE, message: 'pg_dump: connection refused' },
      },
      'failed-quietly': { since, latest: { kind: 'fail', at: NOW - MINUTE } },
      running: {
        lastPingAt: NOW - 2 * HOUR,
        since,
        latest: { kind: 'start', at: NOW - 4 * MINUTE },
      },
      stuck: {
        lastPingAt: NOW - 30 * MINUTE,
        since,
        latest: { kind: 'start', at: NOW - 6 * MINUTE },
      },
    }),
  );
  const check = (id: string) =>
    checker.check(heartbeatMonitor(id), NOW, new AbortController().signal);

  test('a ping within the period, or within the grace after it, is up', async () => {
    const fresh = await check('fresh');
    assert.equal(fresh.ok, true);
    assert.equal(fresh.details?.lastPingAt, NOW - 30 * MINUTE);
    assert.equal((await check('in-grace')).ok, true);
  });

  test('silence past period and grace is down, saying when it last reported', async () => {
    const r = await check('late');
    assert.equal(r.cause, 'late');
    assert.equal(
      r.message,
      'heartbeat "nightly backup" last reported 2h ago (2026-10-05T06:00:00.000Z); it reports every 1h with 5m grace',
    );
  });

  test('never pinged: waiting during the first period, down after it', async () => {
    const waiting = await check('new');
    assert.equal(waiting.ok, true);
    assert.match(waiting.message!, /waiting for its first ping, due by 2026-10-05T08:55:00.000Z/);
    const never = await check('never');
    assert.equal(never.cause, 'never_pinged');
    assert.match(
      never.message!,
      /has never reported in; the first ping was due by 2026-10-04T23:05:00.000Z/,
    );
  });

  test('a job that reported failure is down with its own words, however recent its last success', async () => {
    const r = await check('failed');
    assert.equal(r.ok, false);
    assert.equal(r.cause, 'job_failed');
    assert.equal(
      r.message,
      'heartbeat "nightly backup": the job reported failure at 2026-10-05T07:59:00.000Z: pg_dump: connection refused',
    );
    assert.equal(r.details?.lastPingAt, NOW - 30 * MINUTE);
    assert.equal(
      (await check('failed-quietly')).message,
      'heartbeat "nightly backup": the job reported failure at 2026-10-05T07:59:00.000Z',
    );
  });

  test('a started job has its grace to finish, even past its period; then it is down as unfinished', async () => {
    const running = await check('running');
    assert.equal(running.ok, true, 'two hours since the last success, but it is running');
    assert.match(
      running.message!,
      /is running since 2026-10-05T07:56:00.000Z; it has until 2026-10-05T08:01:00.000Z to finish/,
    );
    const stuck = await check('stuck');
    assert.equal(stuck.cause, 'job_unfinished');
    assert.equal(
      stuck.message,
      'heartbeat "nightly backup" started at 2026-10-05T07:54:00.000Z and did not report success or failure within its 5m grace',
    );
  });

  test('a failing lookup is a result, not a rejection', async () => {
    const r = await check('broken');
    assert.equal(r.cause, 'error');
    assert.match(r.message!, /could not be read \(database is locked\)/);
  });
});
