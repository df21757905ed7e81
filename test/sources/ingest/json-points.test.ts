import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  parseJsonPoints,
  type JsonPointsOptions,
} from '../../../src/sources/ingest/json-points.js';
import {
  PointBatch,
  ValueKind,
  type IngestProblem,
} from '../../../src/sources/ingest/point-batch.js';
import { lineProtocolKeys, lpLine, pointsOf } from '../../helpers/ingest.js';

const NOW = Date.parse('2026-10-05T08:00:00Z');

function parse(body: unknown, extra: Partial<JsonPointsOptions> = {}) {
  const batch = new PointBatch(2);
  const problems: IngestProblem[] = [];
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const added = parseJsonPoints(
    Buffer.from(text),
    { now: NOW, maxFutureMs: 10 * 60_000, ...extra },
    batch,
    problems,
  );
  return { added, points: pointsOf(batch), problems };
}

const cpu = {
  measurement: 'cpu',
  tags: { host: 'a' },
  fields: { usage: 0.5, idle: 99 },
  time: '2026-10-05T07:59:00Z',
};

describe('JSON points: what parses', () => {
  test('each field is a point of its own series, keyed as line protocol keys it', () => {
    const { added, points, problems } = parse({ points: [cpu] });
    assert.deepEqual(problems, []);
    assert.equal(added, 1);
    const t = Date.parse('2026-10-05T07:59:00Z');
    assert.deepEqual(points, [
      { key: 'cpu,host=a usage', value: 0.5, time: t, kind: ValueKind.Number },
      { key: 'cpu,host=a idle', value: 99, time: t, kind: ValueKind.Number },
    ]);
  });

  test('three shapes: {"points":[…]}, a bare array, one point', () => {
    const expected = parse({ points: [cpu] }).points;
    assert.deepEqual(parse([cpu]).points, expected);
    assert.deepEqual(parse(cpu).points, expected);
    assert.deepEqual(parse({ points: [] }), { added: 0, points: [], problems: [] });
  });

  test('booleans are 1 and 0, strings are text points, "value" is short for one field', () => {
    const { points, problems } = parse([
      { measurement: 'door', fields: { open: true, locked: false, note: 'left ajar' } },
      { measurement: 'temp', value: 21.5 },
    ]);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      points.map((p) => [p.key, p.value, p.kind]),
      [
        ['door open', 1, ValueKind.Number],
        ['door locked', 0, ValueKind.Number],
        ['door note', NaN, ValueKind.Text],
        ['temp value', 21.5, ValueKind.Number],
      ],
    );
  });

  test('time: RFC 3339 in any offset, fractions finer than a millisecond, epoch ms, or the receive time', () => {
    const times: Array<[unknown, number]> = [
      ['2026-10-05T08:00:00Z', NOW],
      ['2026-10-05t08:00:00z', NOW],
      ['2026-10-05 08:00:00Z', NOW],
      ['2026-10-05T10:00:00+02:00', NOW],
      ['2026-10-05T02:30:00-05:30', NOW],
      ['2026-10-05T07:59:59.5Z', NOW - 500],
      ['2026-10-05T07:59:59.123456Z', NOW - 876.544],
      ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
      [NOW - 1000, NOW - 1000],
      [NOW - 0.25, NOW - 0.25],
      [null, NOW],
      [undefined, NOW],
    ];
    for (const [time, expected] of times) {
      const { points, problems } = parse({ measurement: 'm', value: 1, time });
      assert.deepEqual(problems, [], String(time));
      assert.ok(
        Math.abs(points[0]!.time - expected) < 1e-6,
        `${time}: ${points[0]!.time} ≠ ${expected}`,
      );
    }
  });

  test('tags are sorted, escaped and UTF-8 exactly as line protocol does it', () => {
    const cases: Array<[string, Record<string, string>, string]> = [
      ['cpu', { region: 'eu', host: 'a' }, 'usage'],
      ['disk io', { path: '/var/log,old', 'x=y': 'a=b' }, 'free bytes'],
      ['température', { pièce: 'salle à manger', 城市: '北京' }, 'valeur'],
      ['win', { path: 'C:\\Program Files\\' }, 'v\\'],
    ];
    const { points, problems } = parse(
      cases.map(([measurement, tags, field]) => ({
        measurement,
        tags,
        fields: { [field]: 1 },
        time: NOW,
      })),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(
      points.map((p) => p.key),
      lineProtocolKeys(
        cases.map(([m, tags, field]) => lpLine(m, Object.entries(tags), [[field, 1]], NOW)),
        NOW,
      ),
    );
  });

  test('a byte-order mark before the JSON is fine', () => {
    assert.deepEqual(parse(`\uFEFF${JSON.stringify(cpu)}`).problems, []);
  });
});

describe('JSON points: what is refused, with where and why', () => {
  const bad: Array<[string, unknown, RegExp]> = [
    ['not an object', 5, /^points\[0\]: must be an object like \{"measurement"/],
    [
      'an unknown key',
      { measurement: 'm', value: 1, timestamp: 5 },
      /^points\[0\]\.timestamp: unknown key; a point has measurement, tags, fields \(or value\) and time$/,
    ],
    ['a typo in fields', { measurement: 'm', field: { a: 1 } }, /^points\[0\]\.field: unknown key/],
    [
      'no measurement',
      { fields: { a: 1 } },
      /^points\[0\]\.measurement: is required: a non-empty string/,
    ],
    [
      'an empty measurement',
      { measurement: '', value: 1 },
      /^points\[0\]\.measurement: must be a non-empty string$/,
    ],
    [
      'a number for a measurement',
      { measurement: 5, value: 1 },
      /^points\[0\]\.measurement: must be a non-empty string \(write "5"\)$/,
    ],
    [
      'tags as an array',
      { measurement: 'm', tags: ['a'], value: 1 },
      /^points\[0\]\.tags: must be an object of strings/,
    ],
    [
      'a number for a tag',
      { measurement: 'm', tags: { port: 8080 }, value: 1 },
      /^points\[0\]\.tags\.port: must be a non-empty string \(write "8080"\)$/,
    ],
    [
      'an empty tag value',
      { measurement: 'm', tags: { host: '' }, value: 1 },
      /^points\[0\]\.tags\.host: must be a non-empty string$/,
    ],
    [
      'an empty tag name',
      { measurement: 'm', tags: { '': 'x' }, value: 1 },
      /^points\[0\]\.tags\[""\]: a tag name must not be empty$/,
    ],
    [
      'an odd tag name',
      { measurement: 'm', tags: { 'data center': null }, value: 1 },
      /^points\[0\]\.tags\["data center"\]: must be a non-empty string$/,
    ],
    [
      'too many tags',
      {
        measurement: 'm',
        tags: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`t${i}`, 'v'])),
        value: 1,
      },
      /^points\[0\]\.tags: has more than 256 tags$/,
    ],
    [
      'no fields',
      { measurement: 'm' },
      /^points\[0\]\.fields: is required: an object like \{"usage":0\.5\} \(or give one "value"\)$/,
    ],
    [
      'empty fields',
      { measurement: 'm', fields: {} },
      /^points\[0\]\.fields: must have at least one field/,
    ],
    [
      'fields as a list',
      { measurement: 'm', fields: [1, 2] },
      /^points\[0\]\.fields: must be an object/,
    ],
    [
      'fields and value',
      { measurement: 'm', fields: { a: 1 }, value: 2 },
      /^points\[0\]: give either "fields" or "value", not both$/,
    ],
    [
      'a null field',
      { measurement: 'm', fields: { usage: null } },
      /^points\[0\]\.fields\.usage: must be a finite number, a boolean or a string, not null$/,
    ],
    [
      'an object field',
      { measurement: 'm', fields: { usage: { v: 1 } } },
      /^points\[0\]\.fields\.usage: must be a finite number, a boolean or a string, not an object$/,
    ],
    [
      'an empty field name',
      { measurement: 'm', fields: { '': 1 } },
      /^points\[0\]\.fields\[""\]: a field name must not be empty$/,
    ],
    [
      'a time in seconds',
      { measurement: 'm', value: 1, time: 1759651200 },
      /^points\[0\]\.time: 1759651200 is 1970-01-21T08:47:31\.200Z: a number is epoch milliseconds, so this looks like seconds \(multiply by 1000\)/,
    ],
    [
      'a time in nanoseconds',
      { measurement: 'm', value: 1, time: 1759651200000000000 },
      /^points\[0\]\.time: 1759651200000000000 ms is more than 10 minutes in the future; is the clock right\? \(a number is epoch milliseconds\)$/,
    ],
    [
      'a future time',
      { measurement: 'm', value: 1, time: '2026-10-05T09:00:00Z' },
      /^points\[0\]\.time: 2026-10-05T09:00:00\.000Z is more than 10 minutes in the future/,
    ],
    [
      'a date without a time',
      { measurement: 'm', value: 1, time: '2026-10-05' },
      /^points\[0\]\.time: "2026-10-05" must be an RFC 3339 time like "2026-10-05T08:00:00Z" or epoch milliseconds$/,
    ],
    [
      'a local time without offset',
      { measurement: 'm', value: 1, time: '2026-10-05T08:00:00' },
      /must be an RFC 3339 time/,
    ],
    [
      'a time in another format',
      { measurement: 'm', value: 1, time: 'Oct 5 2026' },
      /must be an RFC 3339 time/,
    ],
    [
      'an impossible date',
      { measurement: 'm', value: 1, time: '2026-02-29T00:00:00Z' },
      /^points\[0\]\.time: "2026-02-29T00:00:00Z" is not a real date and time$/,
    ],
    [
      'an impossible hour',
      { measurement: 'm', value: 1, time: '2026-10-05T24:00:00Z' },
      /not a real date and time/,
    ],
    [
      'a boolean time',
      { measurement: 'm', value: 1, time: true },
      /^points\[0\]\.time: must be an RFC 3339 time/,
    ],
    [
      'an unpaired surrogate',
      { measurement: 'm', tags: { host: '\uD800x' }, value: 1 },
      /^points\[0\]\.tags\.host: is not valid Unicode/,
    ],
  ];
  for (const [what, point, message] of bad) {
    test(`${what}: the point is reported and adds nothing; the others parse`, () => {
      const { added, points, problems } = parse({ points: [point, cpu] });
      assert.ok(problems.length >= 1, JSON.stringify(problems));
      assert.ok(problems.every((p) => p.line === 1 && p.column === 0));
      assert.match(problems[0]!.message, message);
      assert.equal(
        problems[0]!.text,
        JSON.stringify(point).slice(0, 199) + (JSON.stringify(point).length > 200 ? '…' : ''),
      );
      assert.equal(added, 1);
      assert.deepEqual(
        points.map((p) => p.key),
        ['cpu,host=a usage', 'cpu,host=a idle'],
      );
    });
  }

  test('out-of-range numbers (1e999) are refused', () => {
    const { problems } = parse('{"measurement":"m","fields":{"v":1e999}}');
    assert.match(
      problems[0]!.message,
      /^fields\.v: must be a finite number \(this one is out of range\)$/,
    );
  });

  test('every problem of a point is reported: line counts points from 1, paths count from 0 as jq does', () => {
    const { problems } = parse({
      points: [
        cpu,
        cpu,
        cpu,
        { measurement: '', tags: { a: 1 }, fields: { x: null }, time: 'soon' },
      ],
    });
    assert.deepEqual(
      problems.map((p) => [p.line, p.message.split(':')[0]]),
      [
        [4, 'points[3].measurement'],
        [4, 'points[3].tags.a'],
        [4, 'points[3].fields.x'],
        [4, 'points[3].time'],
      ],
    );
  });

  test('paths follow the shape: [i] for a bare array, none for a single point', () => {
    assert.match(
      parse([cpu, { measurement: 'm' }]).problems[0]!.message,
      /^\[1\]\.fields: is required/,
    );
    assert.match(parse({ measurement: 'm' }).problems[0]!.message, /^fields: is required/);
    assert.match(
      parse({ measurement: 'm', value: 1, extra: 1 }).problems[0]!.message,
      /^extra: unknown key/,
    );
  });

  const badBodies: Array<[string, string, RegExp]> = [
    ['not JSON', '{"points": [', /^the body is not valid JSON: .*/],
    [
      'JSON with a syntax error on line 3',
      '{\n"points": [\n  {"measurement": "m",, "value": 1}\n]}',
      /\(line 3, column 23\)$/,
    ],
    ['an empty body', '', /^the body is not valid JSON/],
    [
      'a number',
      '42',
      /^the body must be \{"points":\[…\]\}, an array of points, or one point like/,
    ],
    [
      'points not an array',
      '{"points": {"measurement": "m"}}',
      /^points: must be an array of points/,
    ],
    [
      'an unknown top-level key',
      '{"points": [], "pionts": []}',
      /^pionts: unknown key; the body is \{"points":\[…\]\}$/,
    ],
  ];
  for (const [what, body, message] of badBodies) {
    test(`${what}: one problem about the body, nothing added`, () => {
      const { added, points, problems } = parse(body);
      assert.equal(problems.length, 1);
      assert.deepEqual([problems[0]!.line, problems[0]!.column], [0, 0]);
      assert.match(problems[0]!.message, message);
      assert.equal(added, 0);
      assert.equal(points.length, 0);
    });
  }

  test('maxProblems caps what is collected', () => {
    const { problems } = parse(
      { points: Array.from({ length: 50 }, () => ({ measurement: 'm' })) },
      { maxProblems: 3 },
    );
    assert.equal(problems.length, 3);
  });

  test('hostile JSON never throws', () => {
    const bodies = [
      'null',
      'true',
      '"points"',
      '[]',
      '[null]',
      '[[]]',
      '{"points":null}',
      '{"__proto__":{"measurement":"m"}}',
      '{"measurement":"m","fields":{"__proto__":1}}',
      '{"measurement":"m","tags":{"constructor":"x"},"value":1}',
      '[' + '['.repeat(5000) + ']'.repeat(5000) + ']',
    ];
    for (const body of bodies) assert.doesNotThrow(() => parse(body), body.slice(0, 40));
    const { points } = parse(
      '{"measurement":"m","tags":{"constructor":"x"},"fields":{"__proto__":1}}',
    );
    assert.deepEqual(
      points.map((p) => p.key),
      ['m,constructor=x __proto__'],
    );
  });
});
