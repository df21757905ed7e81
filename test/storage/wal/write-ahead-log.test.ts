import assert from 'node:assert/strict';
import {
  appendFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { WriteAheadLog, type LogRecord } from '../../../src/storage/wal/write-ahead-log.js';

const meta = (i: number) => ({
  format: 1,
  precision: 2,
  flags: 0,
  receivedAt: 1_700_000_000_000 + i,
});

async function all(log: WriteAheadLog, after = { segment: 0, offset: 0 }): Promise<LogRecord[]> {
  const out: LogRecord[] = [];
  for await (const r of log.replay(after)) out.push(r);
  return out;
}

describe('write-ahead log', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'surety-wal-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('what was appended and synced is replayed after a reopen, in order', async () => {
    const log = await WriteAheadLog.open(dir);
    const appended = Array.from({ length: 50 }, (_, i) =>
      log.append(meta(i), Buffer.from(`cpu v=${i}`)),
    );
    await Promise.all(appended.map((a) => a.durable));
    await log.close();
    const again = await WriteAheadLog.open(dir);
    const records = await all(again);
    assert.deepEqual(
      records.map((r) => r.payload.toString()),
      appended.map((_, i) => `cpu v=${i}`),
    );
    assert.deepEqual(
      records.map((r) => r.receivedAt),
      appended.map((_, i) => meta(i).receivedAt),
    );
    assert.deepEqual(
      records.map((r) => r.end),
      appended.map((a) => a.end),
    );
    assert.deepEqual(again.head, appended[49]!.end, 'new records go after the old ones');
    await again.close();
  });

  test('replay starts after a checkpoint', async () => {
    const log = await WriteAheadLog.open(dir);
    const a = log.append(meta(1), Buffer.from('a'));
    const b = log.append(meta(2), Buffer.from('b'));
    await b.durable;
    assert.deepEqual(
      (await all(log, a.end)).map((r) => r.payload.toString()),
      ['b'],
    );
    assert.deepEqual(await all(log, b.end), []);
    await log.close();
  });

  test('a torn tail from a crash is cut off, and the log goes on after it', async () => {
    const log = await WriteAheadLog.open(dir);
    const good = log.append(meta(1), Buffer.from('good'));
    await good.durable;
    await log.close();
    const [file] = readdirSync(dir);
    appendFileSync(join(dir, file!), Buffer.from([40, 0, 0, 0, 1, 2, 3])); // half a record
    const again = await WriteAheadLog.open(dir);
    assert.deepEqual(again.head, good.end);
    const next = again.append(meta(2), Buffer.from('next'));
    await next.durable;
    assert.deepEqual(
      (await all(again)).map((r) => r.payload.toString()),
      ['good', 'next'],
    );
    await again.close();
  });

  test('a corrupted record ends the replay there', async () => {
    const log = await WriteAheadLog.open(dir);
    const first = log.append(meta(1), Buffer.from('first'));
    await log.append(meta(2), Buffer.from('second')).durable;
    await log.close();
    const [file] = readdirSync(dir);
    const data = readFileSync(join(dir, file!));
    data.writeUInt8(data.readUInt8(first.end.offset + 25) ^ 0xff, first.end.offset + 25); // inside the second record's payload
    writeFileSync(join(dir, file!), data);
    const again = await WriteAheadLog.open(dir);
    assert.deepEqual(
      (await all(again)).map((r) => r.payload.toString()),
      ['first'],
    );
    assert.deepEqual(again.head, first.end);
    await again.close();
  });

  test('segments roll at their size and whole ones before a checkpoint can go', async () => {
    const log = await WriteAheadLog.open(dir, { segmentBytes: 200 });
    const ends = [];
    for (let i = 0; i < 20; i++) ends.push(log.append(meta(i), Buffer.alloc(50, i)));
    await Promise.all(ends.map((e) => e.durable));
    const segments = readdirSync(dir).length;
    assert.ok(segments >= 6, `expected several segments, got ${segments}`);
    assert.equal((await all(log)).length, 20);
    const removed = await log.discardBefore(ends[15]!.end);
    assert.ok(removed > 0);
    assert.deepEqual(
      (await all(log, ends[15]!.end)).map((r) => r.payload[0]),
      [16, 17, 18, 19],
    );
    await log.close();
  });

  test('syncedThrough waits for the disk', async () => {
    const log = await WriteAheadLog.open(dir);
    const a = log.append(meta(1), Buffer.from('x'));
    await log.syncedThrough(a.end);
    const records = await all(log);
    assert.equal(records.length, 1);
    await log.close();
  });
});
