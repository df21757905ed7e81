import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ProbeScheduler } from '../../../src/sources/probes/probe-scheduler.js';
/** Timers driven by hand: `advance` fires, in order, every timer due by then. */
class ManualTimers {
    t = 1_000_000;
    timers = [];
    next = 1;
    now() {
        return this.t;
    }
    set(fn, ms) {
        const id = this.next++;
        this.timers.push({ at: this.t + ms, fn, id });
        return id;
    }
    clear(h) {
        this.timers = this.timers.filter((x) => x.id !== h);
    }
    async advance(ms) {
        const end = this.t + ms;
        for (;;) {
            this.timers.sort((a, b) => a.at - b.at);
            const first = this.timers[0];
            if (!first || first.at > end)
                break;
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
        const runs = [];
        const s = new ProbeScheduler({ timers, maxInFlight: 100, run: async (m, due) => void runs.push([m.id, due]) });
        for (let i = 0; i < 100; i++)
            s.upsert({ id: `m${i}`, intervalMs: 30_000 });
        s.start();
        await timers.advance(90_000);
        const byMonitor = new Map();
        for (const [id, due] of runs)
            byMonitor.set(id, [...(byMonitor.get(id) ?? []), due]);
        assert.equal(byMonitor.size, 100);
        for (const [id, dues] of byMonitor) {
            assert.ok(dues.length === 3, `${id} ran ${dues.length} times`);
            assert.equal(dues[1] - dues[0], 30_000);
            assert.equal(dues[2] - dues[1], 30_000);
        }
        // Spread: no second of the interval holds more than a few first checks.
        const perSecond = new Map();
        for (const dues of byMonitor.values())
            perSecond.set(Math.floor((dues[0] - 1_000_000) / 1000), (perSecond.get(Math.floor((dues[0] - 1_000_000) / 1000)) ?? 0) + 1);
        assert.ok(Math.max(...perSecond.values()) <= 12, `crowded: ${Math.max(...perSecond.values())}`);
        assert.equal(s.latenessStats().max, 0);
        await s.stop();
    });
    test('a check still running when its next round comes is not started twice', async () => {
        const timers = new ManualTimers();
        let release = () => { };
        let runs = 0;
        const s = new ProbeScheduler({ timers, maxInFlight: 10, run: () => (runs++, new Promise((r) => (release = r))) });
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
        const pending = [];
        const s = new ProbeScheduler({ timers, maxInFlight: 2, run: () => new Promise((r) => pending.push(r)) });
        for (const id of ['a', 'b', 'c'])
            s.upsert({ id, intervalMs: 10_000 });
        s.start();
        await timers.advance(10_000);
        assert.equal(pending.length, 2);
        await timers.advance(250);
        pending.shift()();
        await new Promise((r) => setImmediate(r));
        assert.equal(pending.length, 2, 'the third started when a slot freed');
        assert.ok(s.latenessStats().max >= 250);
        pending.forEach((r) => r());
        await s.stop();
    });
    test('removing or replacing a monitor takes effect at its next round', async () => {
        const timers = new ManualTimers();
        const runs = [];
        const s = new ProbeScheduler({ timers, maxInFlight: 10, run: async (m) => void runs.push(`${m.id}:${m.tag}`) });
        s.upsert({ id: 'x', intervalMs: 1000, tag: 'old' });
        s.upsert({ id: 'y', intervalMs: 1000, tag: 'y' });
        s.start();
        await timers.advance(1000);
        s.upsert({ id: 'x', intervalMs: 1000, tag: 'new' });
        s.remove('y');
        runs.length = 0;
        await timers.advance(2000);
        assert.ok(runs.every((r) => r === 'x:new'), runs.join(' '));
        assert.ok(runs.length >= 2);
        await s.stop();
    });
    test('stop cancels checks in flight and waits for them', async () => {
        const timers = new ManualTimers();
        let aborted = false;
        const s = new ProbeScheduler({
            timers,
            maxInFlight: 10,
            run: (_m, _d, signal) => new Promise((r) => signal.addEventListener('abort', () => ((aborted = true), r()))),
        });
        s.upsert({ id: 'z', intervalMs: 1000 });
        s.start();
        await timers.advance(1000);
        await s.stop();
        assert.equal(aborted, true);
    });
});
//# sourceMappingURL=probe-scheduler.test.js.map