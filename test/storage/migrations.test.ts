import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import { QuantileSketch } from '../../src/evaluate/metrics/quantile-sketch.js';
import { openStore } from '../../src/storage/open-store.js';
import { testDatabases } from '../helpers/databases.js';
import { HOUR, MINUTE } from '../../src/domain/duration.js';

const dbs = await testDatabases();
const H0 = Date.parse('2026-10-05T08:00:00Z');

/** A database written by an earlier version keeps its data through the later migrations. */
for (const db of dbs) {
  describe(`upgrading a database [${db.name}]`, { skip: db.skip }, () => {
    test('metric rollups and sketches stored before 003 read back the same after it', async () => {
      const location = await db.fresh();
      try {
        // As 002 stored them: a row per minute and hour, sketches as JSON per minute and hour.
        const old = await openStore(location, '002-metrics');
        const raw = old.db as unknown as Kysely<any>;
        await raw
          .insertInto('metric_series')
          .values({
            id: 0,
            key: 'http,host=a latency_ms',
            measurement: 'http',
            tags: '{"host":"a"}',
            field: 'latency_ms',
            created_at: H0,
          })
          .execute();
        const minute = (m: number, count: number, sum: number) => ({
          series_id: 0,
          resolution: MINUTE,
          bucket: H0 + m * MINUTE,
          count,
          sum,
          min: 1,
          max: 9,
          last: 5,
          last_at: H0 + m * MINUTE + 1000,
          score_max: 0.25,
        });
        await raw
          .insertInto('metric_rollups')
          .values([
            minute(0, 3, 12),
            minute(1, 2, 7),
            { ...minute(0, 5, 19), resolution: HOUR, bucket: H0 },
          ])
          .execute();
        const sketch = new QuantileSketch();
        for (const v of [100, 120, 130, 900]) sketch.add(v);
        await raw
          .insertInto('metric_sketches')
          .values([
            {
              series_id: 0,
              resolution: MINUTE,
              bucket: H0,
              data: JSON.stringify(sketch.toData()),
            },
            {
              series_id: 0,
              resolution: HOUR,
              bucket: H0,
              data: JSON.stringify(sketch.toData()),
            },
          ])
          .execute();
        await old.store.close();

        const now = await openStore(location);
        try {
          const minutes = await now.store.metrics.rollups(0, MINUTE, H0, H0 + HOUR);
          assert.deepEqual(
            minutes.map((r) => [r.bucket, r.count, r.sum, r.min, r.max, r.last, r.scoreMax]),
            [
              [H0, 3, 12, 1, 9, 5, 0.25],
              [H0 + MINUTE, 2, 7, 1, 9, 5, 0.25],
            ],
          );
          assert.deepEqual(
            (await now.store.metrics.rollups(0, HOUR, H0, H0 + HOUR)).map((r) => [
              r.bucket,
              r.count,
              r.sum,
            ]),
            [[H0, 5, 19]],
          );
          const sketches = await now.store.metrics.sketches(0, H0, H0 + HOUR);
          assert.equal(
            sketches.length,
            1,
            'the minute sketch carries over; the hour sketch (a sum of minutes) goes',
          );
          assert.equal(
            QuantileSketch.fromBytes(sketches[0]!.data).quantile(0.99),
            sketch.quantile(0.99),
          );
        } finally {
          await now.store.close();
        }
      } finally {
        await location.cleanup();
      }
    });
  });
}
