import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  parseLineProtocol,
  type LineProtocolOptions,
} from '../../../src/sources/ingest/line-protocol.js';
import {
  PointBatch,
  ValueKind,
  type IngestProblem,
} from '../../../src/sources/ingest/point-batch.js';
import { seeded } from '../../../src/domain/random.js';

const NOW = Date.parse('2026-10-05T08:00:00Z');
const opts = (extra: Partial<LineProtocolOptions> = {}): LineProtocolOptions => ({
  precision: 'ns',
  now: NOW,
  maxFutureMs: 10 * 60_000,
  ...extra,
});

function parse(text: string, extra: Partial<LineProtocolOptions> = {}) {
  const batch = new PointBatch(2);
  const problems: IngestProblem[] = [];
  const lines = parseLineProtocol(Buffer.from(text), opts(extra), batch, problems);
  const points = Array.from({ length: batch.count }, (_, i) => ({
    key: batch.keyAt(i),
    value: batch.values[i],
    time: batch.times[i],
    kind: batch.kinds[i],
  }));
  return { lines, points, problems };
}

describe('line protocol: what parses', () => {
  test('every field is a point of its own series, with the line’s timestamp', () => {
    const { lines, points, problems } = parse(
      'cpu,host=a,region=eu usage=0.64,idle=99i 1759651200000000000\n',
    );
    assert.deepEqual(problems, []);
    assert.equal(lines, 1);
    assert.deepEqual(points, [
      {
        key: 'cpu,host=a,region=eu usage',
        value: 0.64,
        time: 1759651200000,
        kind: ValueKind.Number,
      },
      { key: 'cpu,host=a,region=eu idle', value: 99, time: 1759651200000, kind: ValueKind.Number },
    ]);
  });

  test('tags are sorted into one series key whatever order they come in', () => {
    const { points } = parse('cpu,region=eu,host=a v=1\ncpu,host=a,region=eu v=2\n');
    assert.equal(points[0]!.key, 'cpu,host=a,region=eu v');
    assert.equal(points[1]!.key, points[0]!.key);
  });

  test('values: floats, exponents, integers, unsigned, booleans and strings', () => {
    const { points, problems } = parse(
      'm a=-1.5,b=2e3,c=-12i,d=7u,e=true,f=F,g="hello, world",h=.5,i=1.7976931348623157e308,j=0.1234567890123456789',
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(points.map((p) => p.value).slice(0, 6), [-1.5, 2000, -12, 7, 1, 0]);
    assert.equal(points[6]!.kind, ValueKind.Text);
    assert.equal(points[7]!.value, 0.5);
    assert.equal(points[8]!.value, Number.MAX_VALUE);
    assert.equal(points[9]!.value, Number('0.1234567890123456789'));
  });

  test('decimals parse exactly as Number() does', () => {
    const rand = seeded(3).next;
    const texts: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const v = (rand() - 0.5) * 10 ** Math.floor(rand() * 12 - 4);
      texts.push(v.toPrecision(1 + Math.floor(rand() * 16)));
    }
    const { points } = parse(texts.map((t, i) => `m v=${t} ${i}`).join('\n'));
    texts.forEach((t, i) => assert.equal(points[i]!.value, Number(t), t));
  });

  test('escaped commas, spaces and equals signs belong to names', () => {
    const { points, problems } = parse('disk\\ io,path=/var\\,log,x\\=y=1 free\\ bytes=1');
    assert.deepEqual(problems, []);
    assert.equal(points[0]!.key, 'disk\\ io,path=/var\\,log,x\\=y=1 free\\ bytes');
  });

  test('precision scales timestamps; lines without one get the receive time', () => {
    assert.equal(parse('m v=1 1759651200', { precision: 's' }).points[0]!.time, 1759651200000);
    assert.equal(parse('m v=1 1759651200000', { precision: 'ms' }).points[0]!.time, 1759651200000);
    assert.equal(
      parse('m v=1 1759651200000000', { precision: 'us' }).points[0]!.time,
      1759651200000,
    );
    assert.equal(parse('m v=1').points[0]!.time, NOW);
  });

  test('blank lines, comments, CRLF and trailing spaces are fine', () => {
    const { points, problems } = parse('# a comment\r\n\r\n  m v=1 5  \r\nm v=2\n\n');
    assert.deepEqual(problems, []);
    assert.equal(points.length, 2);
  });
});

describe('line protocol: what is refused, with where and why', () => {
  const cases: Array<[string, number, RegExp]> = [
    ['m', 2, /no fields/],
    [',host=a v=1', 1, /no measurement/],
    ['m,host v=1', 7, /tag "host" has no value/],
    ['m,host= v=1', 8, /empty value/],
    ['m v', 4, /field "v" has no value/],
    ['m v=', 5, /empty value/],
    ['m v=abc', 5, /"abc" is not a valid value/],
    ['m v=NaN', 5, /NaN and Inf are not allowed/],
    ['m v=inf', 5, /is not a valid value/],
    ['m v=1e999', 5, /out of range/],
    ['m v=-3u', 5, /not a valid value/],
    ['m v="open', 10, /no closing quote/],
    ['m v=1 12x', 7, /is not a timestamp/],
    ['m v=1 1 2', 9, /unexpected text after the timestamp/],
    ['m,b=1,b=2 v=1', 7, /"b" appears twice/],
  ];
  for (const [line, column, message] of cases) {
    test(`${JSON.stringify(line)} → column ${column}: ${message.source}`, () => {
      const { points, problems } = parse(`ok v=1\n${line}\nok v=2`);
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.equal(problems[0]!.line, 2);
      assert.equal(problems[0]!.column, column, problems[0]!.message);
      assert.match(problems[0]!.message, message);
      assert.equal(problems[0]!.text, line);
      assert.deepEqual(
        points.map((p) => p.value),
        [1, 2],
        'the good lines parse, the bad one adds nothing',
      );
    });
  }

  test('timestamps far in the future point at the precision', () => {
    const { problems } = parse('m v=1 1759651200000', { precision: 's' });
    assert.match(problems[0]!.message, /in the future; is the precision \(s\) right\?/);
  });
});

describe('line protocol: parts seen before', () => {
  test('a line whose measurement and tags are known takes them as they are: same points, same problems, its part id given', async () => {
    const { SeriesRegistry } = await import('../../../src/sources/ingest/series-registry.js');
    const registry = new SeriesRegistry(100);
    registry.load([
      { id: 0, key: 'cpu,host=a,region=eu usage' },
      { id: 1, key: 'disk,host=a\\ b free' },
    ]);
    const text = [
      'cpu,host=a,region=eu usage=1,idle=2 1759651200000000000', // known part
      'disk,host=a\\ b free=3', // known, with an escaped space
      'cpu,region=eu,host=a usage=4', // the same series with its tags unsorted: not taken as known
      'cpu,host=a,region=eu usage=oops', // known part, bad field: refused at the right column
      'mem,host=a used=5', // unknown part
    ].join('\n');
    const plain = parse(text);
    const withKnown = parse(text, { knownParts: registry });
    assert.deepEqual(withKnown.points, plain.points);
    assert.deepEqual(withKnown.problems, plain.problems);
    assert.deepEqual(
      withKnown.problems.map((p) => [p.line, p.column]),
      [[4, 28]],
    );
    const batch = new PointBatch();
    parseLineProtocol(Buffer.from(text), opts({ knownParts: registry }), batch, []);
    assert.deepEqual(Array.from(batch.partId.subarray(0, batch.partCount)), [0, 1, -1]);
  });
});

describe('line protocol: timestamps seen before', () => {
  test('a line stamped like the one before reads the same time; a stamp of the same length but other digits is read afresh', () => {
    const t1 = 1759651200123000000;
    const t2 = 1759651200987000000; // same length, other digits
    const text = [
      `m v=1 ${t1}`,
      `m v=2 ${t1}`,
      `m v=3 ${t2}`,
      `m v=4 ${t1} `,
      `m v=5 ${t1}`,
      'm v=6',
      `m v=7 ${t1}9`,
    ].join('\n');
    const { points, problems } = parse(text, { maxFutureMs: Infinity });
    assert.deepEqual(
      points.map((p) => p.time),
      [t1 / 1e6, t1 / 1e6, t2 / 1e6, t1 / 1e6, t1 / 1e6, NOW],
    );
    assert.deepEqual(
      problems.map((p) => [p.line, p.column]),
      [[7, 7]],
      'twenty digits is no timestamp, whatever came before',
    );
  });
});
