import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compress } from 'snappyjs';
import { parseSeriesKey } from '../../../src/evaluate/metrics/series-key.js';
import {
  PointBatch,
  ValueKind,
  type IngestProblem,
} from '../../../src/sources/ingest/point-batch.js';
import {
  parseRemoteWrite,
  type RemoteWriteOptions,
} from '../../../src/sources/ingest/prometheus-remote-write.js';
import { lineProtocolKeys, lpLine, pointsOf, seededRandom } from '../../helpers/ingest.js';
import {
  encodeWriteRequest,
  ProtoWriter,
  remoteWriteBody,
  snappy,
  type SeriesSpec,
} from '../../helpers/remote-write.js';

const NOW = Date.parse('2026-10-05T08:00:00Z');
const T1 = NOW - 30_000;
const T2 = NOW - 15_000;

function parse(body: Uint8Array, extra: Partial<RemoteWriteOptions> = {}) {
  const batch = new PointBatch(2);
  const problems: IngestProblem[] = [];
  const summary = parseRemoteWrite(
    body,
    { now: NOW, maxFutureMs: 10 * 60_000, ...extra },
    batch,
    problems,
  );
  return { summary, points: pointsOf(batch), problems, batch };
}

const requests: SeriesSpec = {
  labels: [
    ['__name__', 'http_requests_total'],
    ['code', '200'],
    ['job', 'api'],
  ],
  samples: [
    [1027, T1],
    [1031.5, T2],
  ],
};
const up: SeriesSpec = {
  labels: [
    ['__name__', 'up'],
    ['instance', '10.0.0.1:9100'],
    ['job', 'node'],
  ],
  samples: [[1, T2]],
};

describe('remote write: what parses', () => {
  test('series and samples round-trip to exact keys, values and times', () => {
    const { summary, points, problems } = parse(remoteWriteBody([requests, up]));
    assert.deepEqual(problems, []);
    assert.deepEqual(points, [
      {
        key: 'http_requests_total,code=200,job=api value',
        value: 1027,
        time: T1,
        kind: ValueKind.Number,
      },
      {
        key: 'http_requests_total,code=200,job=api value',
        value: 1031.5,
        time: T2,
        kind: ValueKind.Number,
      },
      {
        key: 'up,instance=10.0.0.1:9100,job=node value',
        value: 1,
        time: T2,
        kind: ValueKind.Number,
      },
    ]);
    assert.deepEqual(summary, {
      series: 2,
      samples: 3,
      staleMarkers: 0,
      nonFinite: 0,
      histograms: 0,
    });
  });

  test('values keep every bit: extremes, negatives, subnormals, -0', () => {
    const values = [
      Number.MAX_VALUE,
      -Number.MAX_VALUE,
      Number.MIN_VALUE,
      -0,
      0.1 + 0.2,
      -123456.789,
      2 ** 53 + 2,
    ];
    const { points } = parse(
      remoteWriteBody([
        { labels: [['__name__', 'm']], samples: values.map((v, i) => [v, T1 + i] as const) },
      ]),
    );
    assert.deepEqual(
      points.map((p) => p.value),
      values,
    );
    assert.ok(Object.is(points[3]!.value, -0));
  });

  test('int64 timestamps decode exactly, negative ones included', () => {
    const times = [0, 1, 127, 128, 2 ** 31, 2 ** 32 + 5, NOW, -1, -NOW, -(2 ** 40) - 3];
    const { points, problems } = parse(
      remoteWriteBody([
        { labels: [['__name__', 'm']], samples: times.map((t) => [1, t] as const) },
      ]),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(
      points.map((p) => p.time),
      times,
    );
  });

  test('labels given unsorted make the same series as sorted ones', () => {
    const { points } = parse(
      remoteWriteBody([
        {
          labels: [
            ['job', 'api'],
            ['code', '200'],
            ['__name__', 'http_requests_total'],
          ],
          samples: [[1, T1]],
        },
        {
          labels: [
            ['code', '200'],
            ['__name__', 'http_requests_total'],
            ['job', 'api'],
          ],
          samples: [[2, T1]],
        },
        requests,
      ]),
    );
    assert.deepEqual(
      new Set(points.map((p) => p.key)),
      new Set(['http_requests_total,code=200,job=api value']),
    );
  });

  test('keys are the line-protocol keys for the same data, unicode and escapes included', () => {
    const cases: Array<[string, Array<[string, string]>]> = [
      [
        'http_requests_total',
        [
          ['job', 'api'],
          ['code', '200'],
        ],
      ],
      [
        'température_°C',
        [
          ['pièce', 'salle à manger'],
          ['城市', '北京'],
          ['emoji', '🚀 launch'],
        ],
      ],
      [
        'disk io',
        [
          ['path', '/var/log,old'],
          ['x=y', 'a=b'],
          ['space here', 'two  spaces'],
        ],
      ],
      [
        'win',
        [
          ['path', 'C:\\Program Files\\'],
          ['re', 'a\\,b\\=c\\\\d'],
          ['q', 'say \\"hi\\"'],
        ],
      ],
      [
        'm,with,commas',
        [
          ['Zebra', 'upper sorts first'],
          ['_under', 'x'],
          ['a', 'y'],
        ],
      ],
      ['m\\', [['k\\', 'v\\']]],
    ];
    const lines = cases.map(([name, labels]) => lpLine(name, labels, [['value', 1]], T1));
    const body = remoteWriteBody(
      cases.map(([name, labels]) => ({
        labels: [...labels, ['__name__', name]],
        samples: [[1, T1]],
      })),
    );
    const { points, problems } = parse(body);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      points.map((p) => p.key),
      lineProtocolKeys(lines, NOW),
    );
    // …and the key reader gives back exactly the labels that were sent.
    cases.forEach(([name, labels], i) => {
      assert.deepEqual(parseSeriesKey(points[i]!.key), {
        measurement: name,
        tags: Object.fromEntries(labels),
        field: 'value',
      });
    });
  });

  test('a label with an empty value is no label, as in Prometheus', () => {
    const { points } = parse(
      remoteWriteBody([
        {
          labels: [
            ['__name__', 'up'],
            ['env', ''],
            ['job', 'node'],
          ],
          samples: [[1, T1]],
        },
      ]),
    );
    assert.equal(points[0]!.key, 'up,job=node value');
  });

  test('staleness markers are skipped silently; other NaN and ±Inf are skipped and counted', () => {
    const { summary, points, problems } = parse(
      remoteWriteBody([
        {
          labels: [['__name__', 'up']],
          samples: [
            [1, T1],
            ['stale', T2],
          ],
        },
        {
          labels: [
            ['__name__', 'rpc_duration_seconds'],
            ['quantile', '0.99'],
          ],
          samples: [
            [NaN, T1],
            [Infinity, T1],
            [-Infinity, T1],
            [0.25, T2],
          ],
        },
      ]),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(
      points.map((p) => [p.key, p.value]),
      [
        ['up value', 1],
        ['rpc_duration_seconds,quantile=0.99 value', 0.25],
      ],
    );
    assert.deepEqual(summary, {
      series: 2,
      samples: 2,
      staleMarkers: 1,
      nonFinite: 3,
      histograms: 0,
    });
  });

  test('a series whose samples are all skipped adds nothing and is not counted', () => {
    const { summary, points, problems } = parse(
      remoteWriteBody([{ labels: [['__name__', 'up']], samples: [['stale', T1]] }, up]),
    );
    assert.deepEqual(problems, []);
    assert.equal(points.length, 1);
    assert.equal(summary.series, 1);
  });

  test('metadata, exemplars, native histograms, unknown fields and groups are skipped', () => {
    const plain = parse(remoteWriteBody([requests, up]));
    const extras = parse(
      remoteWriteBody(
        [
          { ...requests, extras: true },
          { ...up, extras: true },
        ],
        { metadata: true },
      ),
    );
    assert.deepEqual(extras.problems, []);
    assert.deepEqual(extras.points, plain.points);
    assert.equal(extras.summary.histograms, 2);
  });

  test('fields within a message may come in any order; a repeated scalar keeps its last value', () => {
    const w = new ProtoWriter();
    w.message(1, (ts) => {
      ts.message(2, (s) => s.int(2, T1).double(1, 5).double(1, 6));
      ts.message(1, (l) => l.bytesField(2, 'api').bytesField(1, 'job'));
      ts.message(1, (l) => l.bytesField(2, 'wrong').bytesField(1, '__name__').bytesField(2, 'up'));
    });
    const { points, problems } = parse(snappy(w.finish()));
    assert.deepEqual(problems, []);
    assert.deepEqual(points, [
      { key: 'up,job=api value', value: 6, time: T1, kind: ValueKind.Number },
    ]);
  });

  test('an empty request and an empty series are fine', () => {
    assert.deepEqual(parse(snappy(Buffer.alloc(0))).problems, []);
    const { points, problems } = parse(
      remoteWriteBody([{ labels: [['__name__', 'up']], samples: [] }]),
    );
    assert.deepEqual([points, problems], [[], []]);
  });

  test('points are appended after what the batch already holds', () => {
    const batch = new PointBatch(1);
    batch.push('earlier value', 7, T1, ValueKind.Number);
    parseRemoteWrite(remoteWriteBody([up]), { now: NOW, maxFutureMs: 60_000 }, batch, []);
    assert.deepEqual(
      pointsOf(batch).map((p) => p.key),
      ['earlier value', 'up,instance=10.0.0.1:9100,job=node value'],
    );
  });
});

describe('remote write: what is refused, with where and why', () => {
  const refusedSeries: Array<[string, SeriesSpec, RegExp, string]> = [
    [
      'no __name__',
      { labels: [['job', 'api']], samples: [[1, T1]] },
      /no metric name/,
      '{job="api"}',
    ],
    [
      'an empty __name__',
      {
        labels: [
          ['__name__', ''],
          ['job', 'api'],
        ],
        samples: [[1, T1]],
      },
      /no metric name/,
      '{job="api"}',
    ],
    [
      '__name__ twice',
      {
        labels: [
          ['__name__', 'a'],
          ['__name__', 'b'],
        ],
        samples: [[1, T1]],
      },
      /__name__ label appears twice/,
      'a',
    ],
    [
      'a repeated label',
      {
        labels: [
          ['__name__', 'up'],
          ['job', 'a'],
          ['job', 'b'],
        ],
        samples: [[1, T1]],
      },
      /label name appears twice/,
      'up{job="a",job="b"}',
    ],
    [
      'an empty label name',
      {
        labels: [
          ['__name__', 'up'],
          ['', 'x'],
        ],
        samples: [[1, T1]],
      },
      /empty name/,
      'up',
    ],
  ];
  for (const [what, series, message, text] of refusedSeries) {
    test(`a series with ${what} is reported at its index and adds nothing`, () => {
      const { points, problems, summary } = parse(remoteWriteBody([up, series, up]));
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.deepEqual({ ...problems[0]!, message: '' }, { line: 2, column: 0, message: '', text });
      assert.match(problems[0]!.message, message);
      assert.equal(points.length, 2, 'the good series parse');
      assert.equal(summary.series, 2);
    });
  }

  test('too many labels', () => {
    const labels = Array.from(
      { length: 300 },
      (_, i) => [`l${String(i).padStart(3, '0')}`, 'v'] as [string, string],
    );
    const { problems } = parse(
      remoteWriteBody([{ labels: [['__name__', 'wide'], ...labels], samples: [[1, T1]] }]),
    );
    assert.match(problems[0]!.message, /more than 256 labels/);
  });

  test('overlong series keys', () => {
    const { problems, points } = parse(
      remoteWriteBody([
        {
          labels: [
            ['__name__', 'long'],
            ['blob', 'x'.repeat(70_000)],
          ],
          samples: [[1, T1]],
        },
        up,
      ]),
    );
    assert.match(problems[0]!.message, /longer than 65536 bytes/);
    assert.ok(problems[0]!.text.length <= 200);
    assert.equal(points.length, 1);
  });

  test('samples too far in the future are reported at their index; the others of the series are kept', () => {
    const { points, problems } = parse(
      remoteWriteBody([
        up,
        {
          labels: [
            ['__name__', 'm'],
            ['job', 'x'],
          ],
          samples: [
            [1, T1],
            [2, NOW + 3_600_000],
            [3, T2],
            [4, 2 ** 62],
          ],
        },
      ]),
    );
    assert.deepEqual(
      problems.map((p) => [p.line, p.column, p.text]),
      [
        [2, 2, 'm{job="x"}'],
        [2, 4, 'm{job="x"}'],
      ],
    );
    assert.match(
      problems[0]!.message,
      /2026-10-05T09:00:00.000Z, more than 10 minutes in the future/,
    );
    assert.match(problems[1]!.message, /in the future/);
    assert.deepEqual(
      points.map((p) => p.value),
      [1, 1, 3],
    );
  });

  test('maxProblems caps what is collected', () => {
    const samples = Array.from({ length: 50 }, (_, i) => [i, NOW + 3_600_000] as const);
    const { problems } = parse(remoteWriteBody([{ labels: [['__name__', 'm']], samples }]), {
      maxProblems: 5,
    });
    assert.equal(problems.length, 5);
  });

  test('bad snappy is one problem about the whole body', () => {
    const bodies: Array<[Uint8Array, RegExp]> = [
      [Buffer.alloc(0), /the body is empty/],
      [Buffer.from('not snappy at all, just text'), /snappy/],
      [encodeWriteRequest([requests]), /snappy/], // sent without compression
      [Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]), /decompress to 4294967295 bytes, more than/],
      [Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x01]), /longer than 5 bytes/],
    ];
    for (const [body, message] of bodies) {
      const { points, problems } = parse(body);
      assert.equal(problems.length, 1);
      assert.deepEqual([problems[0]!.line, problems[0]!.column, problems[0]!.text], [0, 0, 'body']);
      assert.match(problems[0]!.message, /not snappy-compressed data/);
      assert.match(problems[0]!.message, message);
      assert.equal(points.length, 0);
    }
  });

  test('the decompressed size is capped before anything is allocated', () => {
    const { problems } = parse(remoteWriteBody([requests, up]), { maxBodyBytes: 50 });
    assert.match(problems[0]!.message, /more than the 50 allowed/);
  });

  test('a broken message is reported where it broke, and nothing of the body is kept', () => {
    // Series 2, sample 1: the timestamp's varint runs to the end of the sample.
    const w = new ProtoWriter();
    w.message(1, (ts) =>
      ts
        .message(1, (l) => l.bytesField(1, '__name__').bytesField(2, 'up'))
        .message(2, (s) => s.double(1, 1).int(2, T1)),
    );
    w.message(1, (ts) =>
      ts
        .message(1, (l) => l.bytesField(1, '__name__').bytesField(2, 'down'))
        .message(2, (s) => s.double(1, 1).tag(2, 0).varint(0x80)),
    );
    const bytes = w.finish();
    bytes[bytes.length - 1] = 0x80; // a continuation bit with nothing after it
    const { points, problems } = parse(snappy(bytes));
    assert.equal(points.length, 0);
    assert.equal(problems.length, 1);
    assert.deepEqual([problems[0]!.line, problems[0]!.column, problems[0]!.text], [2, 1, 'down']);
    assert.match(
      problems[0]!.message,
      /not a valid remote-write request: the message ends inside a varint in sample 1 of series 2 \(at byte \d+ of \d+ decompressed\); nothing from it was kept/,
    );
  });

  test('problems reported before a break are replaced by the one decode problem', () => {
    const good = encodeWriteRequest([
      { labels: [['job', 'no name']], samples: [[1, T1]] },
      requests,
    ]);
    const { points, problems } = parse(
      snappy(Buffer.concat([good, Buffer.from([0x0a, 0x05, 0x01])])),
    );
    assert.equal(points.length, 0);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /a field of 5 bytes runs past the end of its message/);
    assert.deepEqual(
      [problems[0]!.line, problems[0]!.column, problems[0]!.text],
      [0, 0, 'WriteRequest'],
    );
  });

  const wireCases: Array<[string, (w: ProtoWriter) => void, RegExp]> = [
    [
      'a TimeSeries with the wrong wire type',
      (w) => w.int(1, 5),
      /a TimeSeries has wire type 0, not 2/,
    ],
    [
      'a sample value with the wrong wire type',
      (w) => w.message(1, (ts) => ts.message(2, (s) => s.int(1, 5))),
      /a sample value has wire type 0, not 1/,
    ],
    [
      'a label name with the wrong wire type',
      (w) => w.message(1, (ts) => ts.message(1, (l) => l.int(1, 5))),
      /a label name has wire type 0, not 2/,
    ],
    ['field number 0', (w) => w.tag(0, 0).varint(1), /field has number 0/],
    ['wire type 7', (w) => w.tag(5, 7), /invalid wire type 7/],
    ['an end-group without a group', (w) => w.tag(5, 4), /end-group marker without a group/],
    ['a group that does not close', (w) => w.tag(5, 3).int(1, 1), /a group is not closed/],
    ['mismatched groups', (w) => w.tag(5, 3).tag(6, 4), /does not match its group/],
    [
      'groups nested too deep',
      (w) => Array.from({ length: 101 }, () => w.tag(5, 3)),
      /nested more than 100 deep/,
    ],
    [
      'a varint of 11 bytes',
      (w) => w.tag(5, 0).raw([...Array(10).fill(0xff), 0x01]),
      /overflows 64 bits/,
    ],
    ['a fixed64 cut off', (w) => w.tag(5, 1).varint(1), /8-byte field runs past the end/],
  ];
  for (const [what, build, message] of wireCases) {
    test(`${what} is a decode problem`, () => {
      const w = new ProtoWriter();
      build(w);
      const bytes = w.finish();
      const { points, problems } = parse(snappy(Buffer.concat([encodeWriteRequest([up]), bytes])));
      assert.equal(points.length, 0);
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.match(problems[0]!.message, message);
    });
  }

  test('every truncation of a valid body is refused whole, or is a shorter valid body', () => {
    const series: SeriesSpec[] = [
      { ...requests, extras: true },
      up,
      {
        labels: [
          ['__name__', 'température'],
          ['ville', 'Zürich'],
        ],
        samples: [[21.5, T1]],
      },
    ];
    const full = encodeWriteRequest(series);
    // Cutting between series leaves a valid, shorter request: find those cut points.
    const boundaries = new Set<number>([0]);
    for (let p = 0; p < full.length;) {
      let len = 0;
      let shift = 0;
      let q = p + 1;
      for (; ; q++, shift += 7) {
        len += (full[q]! & 0x7f) * 2 ** shift;
        if (full[q]! < 0x80) break;
      }
      const tagType = full[p]! & 7;
      p = tagType === 2 ? q + 1 + len : -1;
      if (p < 0) break;
      boundaries.add(p);
    }
    let refused = 0;
    for (let cut = 0; cut < full.length; cut++) {
      const { points, problems } = parse(snappy(full.subarray(0, cut)));
      if (boundaries.has(cut)) {
        assert.deepEqual(problems, [], `cut at ${cut} is a valid shorter request`);
      } else {
        assert.equal(points.length, 0, `cut at ${cut}: no points from a broken body`);
        assert.equal(problems.length, 1, `cut at ${cut}: one problem`);
        assert.match(problems[0]!.message, /nothing from it was kept/);
        refused++;
      }
    }
    assert.ok(refused > full.length * 0.9);
    // Cutting the compressed body always breaks the snappy stream.
    const body = snappy(full);
    for (let cut = 0; cut < body.length; cut++) {
      const { points, problems } = parse(body.subarray(0, cut));
      assert.equal(points.length, 0);
      assert.equal(problems.length, 1);
      assert.match(problems[0]!.message, /not snappy-compressed data/);
    }
  });

  test('fuzz: thousands of mutated bodies never throw, never hang, and a body that fails to decode adds nothing', () => {
    const random = seededRandom(20261005);
    const base = encodeWriteRequest(
      [
        { ...requests, extras: true },
        up,
        {
          labels: [
            ['__name__', 'x'],
            ['k', 'v w'],
          ],
          samples: [
            ['stale', T1],
            [2, T2],
          ],
        },
      ],
      { metadata: true },
    );
    const compressedBase = snappy(base);
    const started = Date.now();
    let decoded = 0;
    for (let round = 0; round < 4000; round++) {
      const mutateCompressed = round % 4 === 3;
      const bytes = Buffer.from(mutateCompressed ? compressedBase : base);
      let mutated: Buffer = bytes;
      const edits = 1 + Math.floor(random() * 4);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * mutated.length);
        const kind = random();
        if (kind < 0.5) mutated[at] = Math.floor(random() * 256);
        else if (kind < 0.65) mutated[at] = (mutated[at] ?? 0) ^ 0x80;
        else if (kind < 0.8)
          mutated = Buffer.concat([
            mutated.subarray(0, at),
            mutated.subarray(at + 1 + Math.floor(random() * 8)),
          ]);
        else if (kind < 0.9)
          mutated = Buffer.concat([
            mutated.subarray(0, at),
            Buffer.from([Math.floor(random() * 256)]),
            mutated.subarray(at),
          ]);
        else mutated = mutated.subarray(0, at);
      }
      const body = mutateCompressed ? mutated : snappy(mutated);
      const batch = new PointBatch(4);
      const problems: IngestProblem[] = [];
      parseRemoteWrite(body, { now: NOW, maxFutureMs: 600_000 }, batch, problems);
      const failed = problems.some((p) =>
        /not snappy-compressed data|not a valid remote-write request/.test(p.message),
      );
      if (failed) {
        assert.equal(batch.count, 0, `round ${round}: a body that fails to decode adds no points`);
        assert.equal(problems.length, 1, `round ${round}: and is one problem`);
      } else {
        decoded++;
        for (let i = 0; i < batch.count; i++) {
          assert.ok(
            batch.keys[i]!.endsWith(' value') && batch.keys[i]!.length > 6,
            `round ${round}: key ${batch.keys[i]}`,
          );
          assert.ok(Number.isFinite(batch.values[i]!) && batch.times[i]! <= NOW + 600_000);
        }
      }
      for (const p of problems)
        assert.ok(
          p.line >= 0 &&
            p.column >= 0 &&
            typeof p.message === 'string' &&
            typeof p.text === 'string',
        );
    }
    assert.ok(decoded > 50, `some mutations still decode (${decoded})`);
    assert.ok(Date.now() - started < 20_000, 'and it all takes moments');
  });

  test('random garbage, compressed or not, is refused whole', () => {
    const random = seededRandom(7);
    for (let round = 0; round < 2000; round++) {
      const garbage = Buffer.from(
        Array.from({ length: Math.floor(random() * 300) }, () => Math.floor(random() * 256)),
      );
      for (const body of [garbage, compress(garbage)]) {
        const batch = new PointBatch(4);
        const problems: IngestProblem[] = [];
        parseRemoteWrite(body, { now: NOW, maxFutureMs: 600_000 }, batch, problems);
        if (problems.some((p) => p.line === 0 || /nothing from it was kept/.test(p.message)))
          assert.equal(batch.count, 0);
      }
    }
  });
});
