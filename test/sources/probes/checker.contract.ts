import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  FAILURE_CAUSES,
  WARNING_CODES,
  type CheckResult,
  type FailureCause,
} from '../../../src/sources/probes/check-result.js';
import type { Checker } from '../../../src/sources/probes/checker.js';
import type { Monitor } from '../../../src/policy/monitors/monitor.js';

/**
 * The contract every checker keeps, whatever it probes (the Hono `runTest({ newRouter })` way):
 * each checker's test file calls runCheckerContract with targets of three kinds.
 */

export interface CheckerFixture<M extends Monitor> {
  readonly checker: Checker<M>;
  /** A monitor of a healthy target. */
  good(): M;
  /** A monitor of a target that fails fast (refused, 503, late heartbeat …). */
  bad(): M;
  /** A monitor of a target that never answers. */
  silent(): M;
  close(): Promise<void>;
}

export interface CheckerContract<M extends Monitor> {
  readonly name: string;
  setup(): Promise<CheckerFixture<M>>;
  /** What a check that hears nothing reports: `timeout`, unless the probe type says otherwise (dns). */
  readonly silentCause?: FailureCause;
}

const SHORT_TIMEOUT = 300;
/** Timers on a loaded 2-core machine run late, never early; this much lateness is accepted. */
const SLACK = 250;
const NOW = Date.parse('2026-10-05T08:00:00Z');
const RESULT_KEYS = new Set(['ok', 'at', 'latencyMs', 'cause', 'message', 'warning', 'details']);

export function runCheckerContract<M extends Monitor>(contract: CheckerContract<M>): void {
  describe(`checker contract [${contract.name}]`, () => {
    let f: CheckerFixture<M>;
    before(async () => {
      f = await contract.setup();
    });
    after(async () => {
      await f.checker.close();
      await f.close();
    });
    const check = (m: M, signal = new AbortController().signal, now = Date.now()) =>
      f.checker.check(m, now, signal);

    test('a healthy target passes, with the result shape every checker shares', async () => {
      const m = f.good();
      assert.equal(f.checker.type, m.type);
      const r = await check(m, undefined, NOW);
      assert.equal(r.ok, true, r.message);
      assertShape(r);
      assert.equal(r.at, NOW, 'at is the now passed in');
      assert.equal(r.cause, undefined);
    });

    test('a failing target fails with a known cause and a sentence, and does not reject', async () => {
      const r = await check(f.bad());
      assert.equal(r.ok, false);
      assertShape(r);
      assert.ok(r.message && r.message.length > 10, 'a message for a person');
      assert.equal(r.warning, undefined, 'warnings only ride on passing results');
    });

    test(`a silent target fails with "${contract.silentCause ?? 'timeout'}" when its timeout passes`, async () => {
      const started = performance.now();
      const r = await check({ ...f.silent(), timeoutMs: SHORT_TIMEOUT });
      const took = performance.now() - started;
      assert.equal(r.ok, false);
      assertShape(r);
      assert.equal(r.cause, contract.silentCause ?? 'timeout', r.message);
      assert.ok(took >= SHORT_TIMEOUT - 5, `waited the timeout (${took.toFixed(0)}ms)`);
      assert.ok(took <= SHORT_TIMEOUT + SLACK, `gave up in time (${took.toFixed(0)}ms)`);
      assert.ok(
        Math.abs(r.latencyMs - took) <= 50,
        `latency ${r.latencyMs}ms reports the time spent (${took.toFixed(0)}ms)`,
      );
    });

    test('aborting the signal ends a check promptly, as "aborted"', async () => {
      const controller = new AbortController();
      const started = performance.now();
      const pending = check({ ...f.silent(), timeoutMs: 5_000 }, controller.signal);
      setTimeout(() => controller.abort(), 50);
      const r = await pending;
      const took = performance.now() - started;
      assert.equal(r.cause, 'aborted', r.message);
      assert.ok(took < 50 + SLACK, `stopped at the abort (${took.toFixed(0)}ms)`);
    });

    test('an already aborted signal ends the check at once', async () => {
      const started = performance.now();
      const r = await check(f.good(), AbortSignal.abort());
      assert.equal(r.ok, false);
      assert.equal(r.cause, 'aborted');
      assert.ok(performance.now() - started < 100);
    });

    test('many checks at once all complete, each on its own terms', async () => {
      const monitors = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? f.bad() : f.good()));
      const results = await Promise.all(monitors.map((m) => check(m)));
      results.forEach((r, i) => assert.equal(r.ok, i % 3 !== 0, r.message));
    });
  });
}

function assertShape(r: CheckResult): void {
  for (const key of Object.keys(r)) assert.ok(RESULT_KEYS.has(key), `unexpected field ${key}`);
  assert.equal(typeof r.ok, 'boolean');
  assert.ok(Number.isFinite(r.at));
  assert.ok(Number.isFinite(r.latencyMs) && r.latencyMs >= 0, `latencyMs ${r.latencyMs}`);
  if (r.ok) assert.equal(r.cause, undefined);
  else {
    assert.ok(
      (FAILURE_CAUSES as readonly string[]).includes(r.cause!),
      `cause ${String(r.cause)} is one of the known codes`,
    );
    assert.equal(typeof r.message, 'string');
  }
  if (r.warning) assert.ok((WARNING_CODES as readonly string[]).includes(r.warning.code));
  // Results are stored and sent as JSON: nothing may be lost on the way.
  assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
}
