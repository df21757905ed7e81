import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ProbeScheduler,
  type SchedulerTimers,
} from '../../../src/sources/probes/probe-scheduler.js';

/** Timers driven by hand: `advance` fires, in order, every timer due by then. */
class ManualTimers implements SchedulerTimers {
  private t = 1_000_000;
  private timers: Array<{ at: number; fn: () => void; id: number }> = [];
  private next = 1;
  now() {
    return this.t;
  }
  set(fn: () => void, ms: number) {
    const id = this.next++;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  }
  clear(h: unknown) {
    this.timers = this.timers.filter((x) => x.id !== h);
  }
  async advance(ms: number) {
    const end = this.t + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const first = this.timers[0];
      if (!first || first.at > end) break;
      this.timers.shift();
      this.t = Math.max(this.t, first.at);
      first.fn();
      await new Promise((r) => setImmediate(r)); // let checks settle
    }
    this.t = end;
  }
}

describe('probe scheduler', () => {
  test('each monitor runs once per interval, on a fixed grid, spread over the interval', async () => {
    const timers = new ManualTimers();
    const runs: Array<[string, number]> = [];
    const s = new ProbeScheduler({
      timers,
      maxInFlight: 100,
      run: async (m, due) => void runs.push([m.id, due]),
    });
    for (let i = 0; i < 100; i++) s.upsert({ id: `m${i}`, intervalMs: 30_000 });
    s.start();
    await timers.advance(90_000);
    const byMonitor = new Map<string, number[]>();
    for (const [id, due] of runs) byMonitor.set(id, [...(byMonitor.get(id) ?? []), due]);
    assert.equal(byMonitor.size, 100);
    for (const [id, dues] of byMonitor) {
      assert.ok(dues.length === 3, `${id} ran ${dues.length} times`);
      assert.equal(dues[1]! - dues[0]!, 30_000);
      assert.equal(dues[2]! - dues[1]!, 30_000);
    }
    // Spread: no second of the interval holds more than a few first checks.
    const perSecond = new Map<number, number>();
    for (const dues of byMonitor.values())
      perSecond.set(
        Math.floor((dues[0]! - 1_000_000) / 1000),
        (perSecond.get(Math.floor((dues[0]! - 1_000_000) / 1000)) ?? 0) + 1,
      );
    assert.ok(Math.max(...perSecond.values()) <= 12, `crowded: ${Math.max(...perSecond.values())}`);
    assert.equal(s.latenessStats().max, 0);
    await s.stop();
  });

  test('a check still running when its next round comes is not started twice', async () => {
    const timers = new ManualTimers();
    let release: () => void = () => {};
    let runs = 0;
    const s = new ProbeScheduler({
      timers,
      maxInFlight: 10,
      run: () => (runs++, new Promise<void>((r) => (release = r))),
    });
    s.upsert({ id: 'slow', intervalMs: 1000 });
    s.start();
    await timers.advance(3500);
    assert.equal(runs, 1);
    assert.ok(s.skipped >= 2);
    release();
    await new Promise((r) => setImmediate(r)); // the finished check settles
    await timers.advance(1000);
    assert.equal(runs, 2);
    release();
    await s.stop();
  });

  test('past the in-flight cap, checks wait their turn and their lateness is measured', async () => {
    const timers = new ManualTimers();
    const pending: Array<() => void> = [];
    const s = new ProbeScheduler({
      timers,
      maxInFlight: 2,
      run: () => new Promise<void>((r) => pending.push(r)),
    });
    for (const id of ['a', 'b', 'c']) s.upsert({ id, intervalMs: 10_000 });
    s.start();
    await timers.advance(10_000);
    assert.equal(pending.length, 2);
    await timers.advance(250);
    pending.shift()!();
    await new Promise((r) => setImmediate(r));
    assert.equal(pending.length, 2, 'the third started when a slot freed');
    assert.ok(s.latenessStats().max >= 250);
    pending.forEach((r) => r());
    await s.stop();
  });

  test('removing or replacing a monitor takes effect at its next round', async () => {
    const timers = new ManualTimers();
    const runs: string[] = [];
    const s = new ProbeScheduler<{ id: string; intervalMs: number; tag: string }>({
      timers,
      maxInFlight: 10,
      run: async (m) => void runs.push(`${m.id}:${m.tag}`),
    });
    s.upsert({ id: 'x', intervalMs: 1000, tag: 'old' });
    s.upsert({ id: 'y', intervalMs: 1000, tag: 'y' });
    s.start();
    await timers.advance(1000);
    s.upsert({ id: 'x', intervalMs: 1000, tag: 'new' });
    s.remove('y');
    runs.length = 0;
    await timers.advance(2000);
    assert.ok(
      runs.every((r) => r === 'x:new'),
      runs.join(' '),
    );
    assert.ok(runs.length >= 2);
    await s.stop();
  });

  test('a monitor replaced while its check runs keeps being checked', async () => {
    const timers = new ManualTimers();
    let release: () => void = () => {};
    const runs: string[] = [];
    const s = new ProbeScheduler<{ id: string; intervalMs: number; tag: string }>({
      timers,
      maxInFlight: 10,
      run: (m) => (runs.push(m.tag), new Promise<void>((r) => (release = r))),
    });
    s.upsert({ id: 'x', intervalMs: 1000, tag: 'old' }, { immediate: true });
    s.start();
    await timers.advance(10);
    s.upsert({ id: 'x', intervalMs: 1000, tag: 'new' });
    release();
    await new Promise((r) => setImmediate(r));
    await timers.advance(1500);
    release();
    assert.deepEqual(runs.slice(0, 2), ['old', 'new']);
    await s.stop();
  });

  test('runNow checks at once, off the grid; asked during a check, it checks once more after it', async () => {
    const timers = new ManualTimers();
    const pending: Array<() => void> = [];
    const runs: number[] = [];
    const s = new ProbeScheduler({
      timers,
      maxInFlight: 10,
      run: (_m, due) => (runs.push(due), new Promise<void>((r) => pending.push(r))),
    });
    s.upsert({ id: 'hb', intervalMs: 30_000 });
    s.runNow('hb');
    assert.deepEqual(runs, [], 'not before the scheduler starts');
    s.start();
    await timers.advance(5_000);
    s.runNow('hb');
    s.runNow('unknown');
    assert.deepEqual(runs, [1_005_000]);
    s.runNow('hb'); // while that check runs: it may have read what is now stale
    s.runNow('hb');
    pending.shift()!();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(runs, [1_005_000, 1_005_000], 'one more, not two');
    pending.shift()!();
    await new Promise((r) => setImmediate(r));
    const grid = runs.length;
    await timers.advance(30_000);
    assert.equal(runs.length, grid + 1, 'and the grid goes on as it was');
    pending.forEach((r) => r());
    await s.stop();
  });

  test('stop cancels checks in flight and waits for them', async () => {
    const timers = new ManualTimers();
    let aborted = false;
    const s = new ProbeScheduler({
      timers,
      maxInFlight: 10,
      run: (_m, _d, signal) =>
        new Promise<void>((r) => signal.addEventListener('abort', () => ((aborted = true), r()))),
    });
    s.upsert({ id: 'z', intervalMs: 1000 });
    s.start();
    await timers.advance(1000);
    await s.stop();
    assert.equal(aborted, true);
  });
});
