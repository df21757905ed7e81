import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSeriesKey } from '../../../src/evaluate/metrics/series-key.js';
import {
  escapePart,
  KeyPart,
  seriesKey,
  seriesOf,
} from '../../../src/sources/ingest/series-key-writer.js';
import { lineProtocolKeys, lpLine, seededRandom } from '../../helpers/ingest.js';

describe('series keys', () => {
  test('escaping as line protocol escapes', () => {
    assert.equal(escapePart('plain_name:1', KeyPart.Name), 'plain_name:1');
    assert.equal(escapePart('a b,c=d', KeyPart.Name), 'a\\ b\\,c\\=d');
    assert.equal(escapePart('a b,c=d', KeyPart.Measurement), 'a\\ b\\,c=d');
    assert.equal(
      escapePart('C:\\tmp\\', KeyPart.Name),
      'C:\\tmp\\\\',
      'a backslash is doubled only where it would escape',
    );
    assert.equal(escapePart('a\\,b', KeyPart.Name), 'a\\\\\\,b');
    assert.equal(
      escapePart('é', KeyPart.Name),
      Buffer.from('é').toString('latin1'),
      'keys are latin1 views of UTF-8',
    );
  });

  test('tags are sorted bytewise by escaped key, whatever order they come in', () => {
    const series = seriesOf('cpu', [
      ['region', 'eu'],
      ['Host', 'a'],
      ['host', 'b'],
      ['_x', 'c'],
    ]);
    assert.equal(series, 'cpu,Host=a,_x=c,host=b,region=eu');
    assert.equal(seriesKey(series, 'usage idle'), 'cpu,Host=a,_x=c,host=b,region=eu usage\\ idle');
  });

  test('random names: the same key as line protocol makes, and the key reader gives the names back', () => {
    const random = seededRandom(42);
    const alphabet = ['a', 'b', 'Z', '_', ' ', ',', '=', '\\', '"', 'é', '北', '🚀', '1', ':', '.'];
    const word = (min: number): string =>
      Array.from(
        { length: min + Math.floor(random() * 6) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join('');
    const seen = new Map<string, string>();
    const lines: string[] = [];
    const keys: string[] = [];
    for (let i = 0; i < 3000; i++) {
      let measurement = word(1);
      if (measurement.startsWith('#')) measurement = `m${measurement}`;
      const tags = new Map<string, string>();
      for (let t = Math.floor(random() * 4); t > 0; t--) tags.set(word(1), word(1));
      const field = word(1);
      const key = seriesKey(seriesOf(measurement, [...tags]), field);
      keys.push(key);
      lines.push(lpLine(measurement, [...tags], [[field, 1]], 1));
      assert.deepEqual(parseSeriesKey(key), { measurement, tags: Object.fromEntries(tags), field });
      const identity = JSON.stringify([measurement, [...tags].sort(), field]);
      if (seen.has(key)) assert.equal(seen.get(key), identity, `two series share the key ${key}`);
      seen.set(key, identity);
    }
    assert.deepEqual(keys, lineProtocolKeys(lines, 1));
  });
});
