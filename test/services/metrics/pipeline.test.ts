import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ManualTime } from '../../../src/runtime/time.js';
import { FORMATS } from '../../../src/services/metrics/formats.js';
import { MetricsPipeline } from '../../../src/services/metrics/pipeline.js';
import type { Store } from '../../../src/services/store/index.js';
import { WriteAheadLog } from '../../../src/storage/wal/write-ahead-log.js';
import { freshStore, testDatabases } from '../../helpers/databases.js';
import { policyFrom } from '../../helpers/policy.js';
import { HOUR, MINUTE } from '../../../src/domain/duration.js';

const dbs = await testDatabases();
const T0 = Date.parse('2026-10-05T08:00:00Z');
const lp = (text: string) => Buffer.from(text);
const sec = (t: number) => Math.round(t / 1000);

for (const db of dbs) {
  describe(`metrics pipeline [${db.name}]`, { skip: db.skip }, () => {
    let store: Store;
    let close: () => Promise<void>;
    let walDir: string;
    const time = new ManualTime(T0 + 30 * MINUTE);
    const open = async (maxSeries = 1000) =>
      new MetricsPipeline(store, await WriteAheadLog.open(walDir), time, {
        maxSeries,
        maxFutureMs: HOUR,
      });
    const seriesId = async (measurement: string, field: string, host: string) =>
      (await store.metrics.findSeries({ measurement, field, tags: { host }, limit: 1 }))[0]?.id;
    const minutes = async (id: number) =>
      store.metrics.rollups(id, MINUTE, T0 - HOUR, T0 + 2 * HOUR);

    before(async () => {
      ({ store, close } = await freshStore(db));
      walDir = mkdtempSync(join(tmpdir(), 'surety-metrics-'));
    });
    after(async () => {
      await close?.();
      rmSync(walDir, { recursive: true, force: true });
    });

    test('rolls points up per minute and hour, exactly', async () => {
      const p = await open();
      await p.recover();
      const body = [
        `cpu,host=a usage=10 ${sec(T0)}`,
        `cpu,host=a usage=30 ${sec(T0 + 20_000)}`,
        `cpu,host=a usage=20 ${sec(T0 + 61_000)}`,
        `cpu,host=b usage=5 ${sec(T0 + 1000)}`,
      ].join('\n');
      const r = await p.ingest(FORMATS.lineProtocol, lp(body), { precision: 's', partial: false });
      assert.equal(r.points, 4);
      await p.flush();
      const a = (await seriesId('cpu', 'usage', 'a'))!;
      assert.deepEqual(
        (await minutes(a)).map((m) => [m.bucket, m.count, m.sum, m.min, m.max, m.last]),
        [
          [T0, 2, 40, 10, 30, 30],
          [T0 + MINUTE, 1, 20, 20, 20, 20],
        ],
      );
      const hours = await store.metrics.rollups(a, HOUR, T0 - HOUR, T0 + HOUR);
      assert.deepEqual(
        hours.map((h) => [h.bucket, h.count, h.sum, h.min, h.max, h.last]),
        [[T0, 3, 60, 10, 30, 20]],
      );

      // More points for an open bucket, and a late one for a flushed bucket: both add up.
      await p.ingest(
        FORMATS.lineProtocol,
        lp(`cpu,host=a usage=50 ${sec(T0 + 62_000)}\ncpu,host=a usage=1 ${sec(T0 + 5000)}`),
        { precision: 's', partial: false },
      );
      await p.flush();
      assert.deepEqual(
        (await minutes(a)).map((m) => [m.count, m.sum, m.min, m.max, m.last]),
        [
          [3, 41, 1, 30, 30],
          [2, 70, 20, 50, 50],
        ],
      );
      await p.stop();
    });

    test('after a crash, what was acknowledged and not flushed is replayed once', async () => {
      const p = await open();
      await p.recover();
      await p.ingest(FORMATS.lineProtocol, lp(`disk,host=a free=1 ${sec(T0)}`), {
        precision: 's',
        partial: false,
      });
      await p.flush();
      await p.ingest(
        FORMATS.lineProtocol,
        lp(`disk,host=a free=2 ${sec(T0 + 1000)}\ndisk,host=z free=9 ${sec(T0)}`),
        { precision: 's', partial: false },
      );
      // Crash: no flush, no stop. A new pipeline opens the same log and database.
      const q = await open();
      const replayed = await q.recover();
      assert.equal(replayed.records, 1, 'only the record after the checkpoint');
      const a = (await seriesId('disk', 'free', 'a'))!;
      assert.deepEqual(
        (await minutes(a)).map((m) => [m.count, m.sum]),
        [[2, 3]],
      );
      assert.ok(
        (await seriesId('disk', 'free', 'z')) !== undefined,
        'a series first seen after the checkpoint is stored too',
      );
      // And a second recovery finds nothing new to replay.
      const again = await open();
      assert.equal((await again.recover()).records, 0);
      assert.deepEqual(
        (await minutes(a)).map((m) => [m.count, m.sum]),
        [[2, 3]],
      );
      await again.stop();
    });

    test('a bad body is refused whole: nothing logged, nothing counted', async () => {
      const p = await open();
      await p.recover();
      const log = (p as unknown as { log: WriteAheadLog }).log;
      const head = log.head;
      await assert.rejects(
        p.ingest(FORMATS.lineProtocol, lp(`net,host=a rx=1\nnet,host=a rx=oops`), {
          precision: 's',
          partial: false,
        }),
        /line 2, column 15: "oops" is not a valid value for field "rx"/,
      );
      assert.deepEqual(log.head, head);
      await p.flush();
      assert.equal(await seriesId('net', 'rx', 'a'), undefined);
      await p.stop();
    });

    test('a partial write keeps the good lines and says which were dropped', async () => {
      const p = await open();
      await p.recover();
      const r = await p.ingest(
        FORMATS.lineProtocol,
        lp(`mem,host=a used=1 ${sec(T0)}\nmem,host=a used=x\nmem,host=a used=3 ${sec(T0)}`),
        { precision: 's', partial: true },
      );
      assert.equal(r.points, 2);
      assert.deepEqual(
        r.problems.map((x) => x.line),
        [2],
      );
      await p.flush();
      assert.deepEqual(
        (await minutes((await seriesId('mem', 'used', 'a'))!)).map((m) => [m.count, m.sum]),
        [[2, 4]],
      );
      // Replay parses the logged body the same way: the dropped line stays dropped.
      const q = await open();
      await store.meta.set('metrics.checkpoint', '0:0');
      // (replaying from the start re-adds everything, which is what a lost checkpoint would do;
      // here it shows the partial body replays to the same two points)
      const before = (await minutes((await seriesId('mem', 'used', 'a'))!))[0]!.count;
      await q.recover();
      const afterCount = (await minutes((await seriesId('mem', 'used', 'a'))!))[0]!.count;
      assert.equal(afterCount - before, 2);
      await q.stop();
      await p.stop();
    });

    test('rules and anomaly alerts become signals in the event stream', async () => {
      const policy = policyFrom(`
surety: 1
name: { en: M, zh: 指 }
commitments:
  - { id: C-01, name: { en: A, zh: 甲 }, measure: first_response, target: 15m }
metrics:
  rules:
    - { id: M-CPU, name: { en: CPU, zh: CPU }, series: { measurement: load, field: cpu }, aggregate: mean, over: 2m, target: "<= 85" }
  anomalies:
    - series: { measurement: load, field: cpu, tags: { host: s1 } }
`);
      time.set(T0);
      const p = new MetricsPipeline(
        store,
        await WriteAheadLog.open(walDir),
        time,
        { maxSeries: 10_000, maxFutureMs: HOUR },
        policy.metrics,
      );
      await p.recover();
      const base = T0 - 3 * HOUR;
      // Three hours of a calm, slightly noisy series a minute apart, then a spike.
      const calm = Array.from(
        { length: 180 },
        (_, i) => `load,host=s1 cpu=${50 + (i % 5)} ${sec(base + i * MINUTE)}`,
      );
      await p.ingest(FORMATS.lineProtocol, lp(calm.join('\n')), { precision: 's', partial: false });
      await p.ingest(
        FORMATS.lineProtocol,
        lp(`load,host=s1 cpu=120 ${sec(T0)}\nload,host=s1 cpu=110 ${sec(T0 + 30_000)}`),
        { precision: 's', partial: false },
      );
      time.set(T0 + MINUTE + 1000);
      await p.flush();
      const signals = (await store.signals.after(0, 1000)).filter((x) =>
        x.type.startsWith('metric.'),
      );
      const anomaly = signals.find((x) => x.type === 'metric.anomaly');
      assert.ok(anomaly, JSON.stringify(signals));
      assert.equal(anomaly.at, T0);
      assert.deepEqual((anomaly.data as { series: unknown }).series, {
        measurement: 'load',
        tags: { host: 's1' },
        field: 'cpu',
      });
      const breach = signals.find((x) => x.type === 'metric.breached');
      assert.ok(breach, JSON.stringify(signals));
      assert.equal(breach.commitment, 'M-CPU');
      assert.equal(breach.subjectId, 'load,host=s1 cpu');
      // The window [T0-1m, T0+1m) holds the last calm point (54) and the two high ones.
      assert.equal((breach.data as { value: number }).value, (54 + 120 + 110) / 3);
      assert.deepEqual((breach.data as { window: unknown }).window, {
        from: new Date(T0 - MINUTE).toISOString(),
        to: new Date(T0 + MINUTE).toISOString(),
      });
      await p.stop();
      time.set(T0 + 30 * MINUTE);
    });

    test('series the policy asks quantiles of get p95/p99 sketches per minute, merged across flushes', async () => {
      const policy = policyFrom(`
surety: 1
name: { en: Q, zh: 分位 }
commitments:
  - { id: C-01, name: { en: A, zh: 甲 }, measure: first_response, target: 15m }
metrics:
  quantiles:
    - { measurement: api, field: latency_ms }
`);
      time.set(T0 + 30 * MINUTE);
      const p = new MetricsPipeline(
        store,
        await WriteAheadLog.open(walDir),
        time,
        { maxSeries: 10_000, maxFutureMs: HOUR },
        policy.metrics,
      );
      await p.recover();
      const first = Array.from(
        { length: 500 },
        (_, i) => `api,host=q latency_ms=${i + 1} ${sec(T0) + (i % 50)}`,
      );
      await p.ingest(FORMATS.lineProtocol, lp(first.join('\n')), {
        precision: 's',
        partial: false,
      });
      await p.flush();
      const second = Array.from(
        { length: 500 },
        (_, i) => `api,host=q latency_ms=${i + 501} ${sec(T0) + (i % 50)}`,
      );
      await p.ingest(FORMATS.lineProtocol, lp(second.join('\n')), {
        precision: 's',
        partial: false,
      });
      await p.flush();
      const id = (await seriesId('api', 'latency_ms', 'q'))!;
      // Two flushes, two deltas for the minute: together they are the minute.
      const deltas = await store.metrics.sketches(id, T0, T0 + MINUTE);
      assert.equal(deltas.length, 2);
      const { QuantileSketch } = await import('../../../src/evaluate/metrics/quantile-sketch.js');
      const sketch = QuantileSketch.fromBytes(deltas[0]!.data);
      sketch.merge(QuantileSketch.fromBytes(deltas[1]!.data));
      assert.equal(sketch.count, 1000);
      assert.ok(Math.abs(sketch.quantile(0.95) - 950) <= 10, String(sketch.quantile(0.95)));
      assert.ok(Math.abs(sketch.quantile(0.99) - 990) <= 10, String(sketch.quantile(0.99)));
      // A series outside the selector carries no sketch.
      await p.ingest(FORMATS.lineProtocol, lp(`api,host=q other=1 ${sec(T0)}`), {
        precision: 's',
        partial: false,
      });
      await p.flush();
      const other = (
        await store.metrics.findSeries({ measurement: 'api', field: 'other', limit: 1 })
      )[0]!.id;
      assert.deepEqual(await store.metrics.sketches(other, T0, T0 + MINUTE), []);
      await p.stop();
    });

    test('raw points of the series the policy keeps are stored for its window, then dropped', async () => {
      const policy = policyFrom(`
surety: 1
name: { en: R, zh: 原 }
commitments:
  - { id: C-01, name: { en: A, zh: 甲 }, measure: first_response, target: 15m }
metrics:
  raw:
    window: 10m
    series: [{ measurement: chart, tags: { host: kept } }]
`);
      time.set(T0 + 5 * MINUTE);
      const p = new MetricsPipeline(
        store,
        await WriteAheadLog.open(walDir),
        time,
        { maxSeries: 10_000, maxFutureMs: HOUR },
        policy.metrics,
      );
      await p.recover();
      await p.ingest(
        FORMATS.lineProtocol,
        lp(
          `chart,host=kept v=1 ${sec(T0)}\nchart,host=kept v=2 ${sec(T0 + 1000)}\nchart,host=other v=3 ${sec(T0)}`,
        ),
        { precision: 's', partial: false },
      );
      await p.flush();
      const kept = (await seriesId('chart', 'v', 'kept'))!;
      assert.deepEqual(await store.metrics.points(kept, T0, T0 + HOUR, 100), [
        { t: T0, v: 1 },
        { t: T0 + 1000, v: 2 },
      ]);
      assert.deepEqual(
        await store.metrics.points((await seriesId('chart', 'v', 'other'))!, T0, T0 + HOUR, 100),
        [],
      );
      time.set(T0 + 11 * MINUTE); // the window has passed the points
      await p.flush();
      assert.deepEqual(await store.metrics.points(kept, T0, T0 + HOUR, 100), []);
      await p.stop();
      time.set(T0 + 30 * MINUTE);
    });

    test('the series limit refuses a write that would pass it, whole', async () => {
      const p = await open(0);
      await p.recover();
      const known = p.seriesCount;
      const limited = new MetricsPipeline(
        store,
        (p as unknown as { log: WriteAheadLog }).log,
        time,
        { maxSeries: known + 2, maxFutureMs: HOUR },
      );
      await limited.recover();
      await assert.rejects(
        limited.ingest(
          FORMATS.lineProtocol,
          lp('card,host=1 v=1\ncard,host=2 v=1\ncard,host=3 v=1'),
          { precision: 's', partial: false },
        ),
        (err: Error) => /series limit reached: this write would add 3 new series/.test(err.message),
      );
      assert.equal(limited.seriesCount, known);
      await limited.ingest(FORMATS.lineProtocol, lp('card,host=1 v=1\ncard,host=2 v=1'), {
        precision: 's',
        partial: false,
      });
      assert.equal(limited.seriesCount, known + 2);
      await limited.stop();
    });
  });
}
