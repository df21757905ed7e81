import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SuretyError } from '../../../src/domain/errors.js';
import { ManualTime } from '../../../src/runtime/time.js';
import { FORMATS } from '../../../src/services/metrics/formats.js';
import { MetricsPipeline } from '../../../src/services/metrics/pipeline.js';
import { WriteAheadLog } from '../../../src/storage/wal/write-ahead-log.js';
import { freshStore, testDatabases } from '../../helpers/databases.js';
import { seeded } from '../../../src/domain/random.js';
import { HOUR } from '../../../src/domain/duration.js';

/**
 * Random and mutated bodies: the pipeline must never crash, and a body it refuses must
 * leave no trace (no log record, no series, no counted point).
 */
test('mutated and random line-protocol bodies never crash and never half-write', async () => {
  const [sqlite] = await testDatabases();
  const { store, close } = await freshStore(sqlite!);
  const dir = mkdtempSync(join(tmpdir(), 'surety-fuzz-'));
  const time = new ManualTime(Date.parse('2026-10-05T08:00:00Z'));
  const log = await WriteAheadLog.open(dir);
  const pipeline = new MetricsPipeline(store, log, time, {
    maxSeries: 100_000,
    maxFutureMs: HOUR,
  });
  await pipeline.recover();
  const random = seeded(20261005);
  const rand = (n: number) => Math.floor(random.next() * n);
  const valid = [
    'cpu,host=a,region=eu usage=0.5,idle=99i 1759651200000000000',
    'disk\\ io,path=/var\\,log free=12u,ok=true,name="disk one" 1759651200000000000',
    'mem used=1e3',
    'net,if=eth0 rx=-1.5,tx=2 1759651200000000000',
  ];
  const alphabet = ' ,=\\"\n\r\tabcxyz0123456789.-+eEiuTF#\u00e9\u4e2d\u0000';
  let accepted = 0;
  let refused = 0;
  for (let round = 0; round < 1500; round++) {
    let body: Buffer;
    if (round % 5 === 4) {
      body = Buffer.from(Array.from({ length: rand(200) }, () => rand(256)));
    } else {
      let text = Array.from({ length: 1 + rand(4) }, () => valid[rand(valid.length)]).join('\n');
      const edits = 1 + rand(4);
      for (let e = 0; e < edits; e++) {
        const at = rand(text.length + 1);
        const kind = rand(3);
        const ch = alphabet[rand(alphabet.length)]!;
        text =
          kind === 0
            ? text.slice(0, at) + ch + text.slice(at)
            : kind === 1
              ? text.slice(0, at) + text.slice(at + 1)
              : text.slice(0, at) + ch + text.slice(at + 1);
      }
      body = Buffer.from(text);
    }
    const headBefore = log.head;
    const seriesBefore = pipeline.seriesCount;
    try {
      await pipeline.ingest(FORMATS.lineProtocol, body, { precision: 'ns', partial: false });
      accepted++;
    } catch (err) {
      assert.ok(
        err instanceof SuretyError,
        `round ${round}: ${String(err)} for ${JSON.stringify(body.toString('latin1'))}`,
      );
      assert.deepEqual(log.head, headBefore, `round ${round}: a refused body was logged`);
      assert.equal(
        pipeline.seriesCount,
        seriesBefore,
        `round ${round}: a refused body registered series`,
      );
      refused++;
    }
  }
  assert.ok(accepted > 50 && refused > 500, `accepted ${accepted}, refused ${refused}`);
  await pipeline.stop();
  await close();
  rmSync(dir, { recursive: true, force: true });
});
