import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compress } from 'snappyjs';
import { SnappyError, uncompressSnappy } from '../../../src/sources/ingest/snappy.js';
import { seededRandom } from '../../helpers/ingest.js';

const MAX = 1 << 24;

function refused(input: Uint8Array, message: RegExp, max = MAX): void {
  assert.throws(
    () => uncompressSnappy(input, max),
    (err: unknown) => err instanceof SnappyError && message.test(err.message),
  );
}

describe('snappy block decompression', () => {
  test('round-trips what snappyjs compresses: random, repetitive and mixed data of many sizes', () => {
    const random = seededRandom(1);
    for (const size of [0, 1, 2, 15, 16, 17, 60, 61, 256, 257, 65_535, 65_536, 65_537, 300_000]) {
      const noise = Buffer.from(Array.from({ length: size }, () => Math.floor(random() * 256)));
      const runs = Buffer.from(Array.from({ length: size }, (_, i) => (i >> 5) % 7));
      const text = Buffer.from(
        'container_cpu_usage_seconds_total{namespace="team-3",pod="app-12"} '.repeat(
          Math.ceil(size / 60) + 1,
        ),
      ).subarray(0, size);
      const mixed = Buffer.from(
        Array.from({ length: size }, (_, i) => (i % 97 < 50 ? noise[i]! : (text[i] ?? 0))),
      );
      for (const data of [noise, runs, text, mixed]) {
        assert.deepEqual(uncompressSnappy(compress(data), MAX), data, `size ${size}`);
      }
    }
  });

  test('copies that overlap what they write repeat a pattern', () => {
    // "ab" then a copy of length 10 from 2 back: "ababababab".
    const body = Buffer.from([12, 0x04, 0x61, 0x62, ((10 - 4) << 2) | 1, 2]);
    assert.equal(uncompressSnappy(body, MAX).toString(), 'abababababab');
  });

  test('long literals with 1 to 4 length bytes', () => {
    for (const [tag, lengthBytes] of [
      [60, [99]],
      [61, [0x2b, 0x01]],
      [62, [0x2b, 0x01, 0x00]],
      [63, [0x2b, 0x01, 0x00, 0x00]],
    ] as const) {
      const data = Buffer.alloc(lengthBytes[0]! + (lengthBytes[1] ?? 0) * 256 + 1, 7);
      const body = Buffer.concat([
        Buffer.from([0x80 | (data.length & 0x7f), data.length >> 7]),
        Buffer.from([tag << 2, ...lengthBytes]),
        data,
      ]);
      assert.deepEqual(uncompressSnappy(body, MAX), data);
    }
  });

  test('hostile input is refused with the reason, quickly', () => {
    refused(Buffer.alloc(0), /empty/);
    refused(Buffer.from([0x80]), /ends inside its length preamble/);
    refused(Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x01]), /longer than 5 bytes/);
    refused(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x7f]), /over 32 bits/);
    refused(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]), /more than the 16777216 allowed/);
    refused(Buffer.from([0x80, 0x80, 0x40, 0x00]), /cannot come from 4 compressed bytes/);
    refused(Buffer.from([4, 0x01, 0x00]), /a copy refers back 0 bytes/);
    refused(Buffer.from([4, 0x00, 0x61, 0x05, 0x02]), /a copy refers back 2 bytes, from byte 1/);
    refused(Buffer.from([4, 0x0c, 0x61]), /runs past the end/);
    refused(Buffer.from([4, 0x00, 0x61, 0x00, 0x62]), /ends after 2 of its declared 4 bytes/);
    refused(Buffer.from([1, 0x04, 0x61, 0x62]), /longer than its declared 1 bytes/);
    refused(Buffer.from([4, 0xf4, 0xff]), /ends inside a literal’s length/);
    refused(Buffer.from([4, 0x00, 0x61, 0x02]), /ends inside a copy/);
    // snappyjs walks backwards on this one (a literal length that comes out negative) and spins.
    refused(Buffer.from([10, 0xfc, 0x00, 0x00, 0x00, 0x80, 0x61, 0x61]), /runs past the end/);
  });

  test('every prefix of a valid block is refused, and mutations never throw anything but SnappyError', () => {
    const data = Buffer.from('up{job="api",instance="10.0.0.1:9100"} 1 '.repeat(40));
    const body = compress(data);
    for (let cut = 0; cut < body.length; cut++) refused(body.subarray(0, cut), /./);
    const random = seededRandom(99);
    for (let round = 0; round < 3000; round++) {
      const mutated = Buffer.from(body);
      for (let e = 0; e < 3; e++)
        mutated[Math.floor(random() * mutated.length)] = Math.floor(random() * 256);
      try {
        const out = uncompressSnappy(mutated, MAX);
        assert.ok(out.length <= MAX);
      } catch (err) {
        assert.ok(err instanceof SnappyError, String(err));
      }
    }
  });
});
