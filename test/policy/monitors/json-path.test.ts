import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  describeStatuses,
  parseStatusItem,
  statusMatches,
} from '../../../src/policy/monitors/expect-status.js';
import { parseJsonPath, readJsonPath } from '../../../src/policy/monitors/json-path.js';

test('JSON paths: the subset health checks need', () => {
  const ok = (text: string) => {
    const r = parseJsonPath(text);
    assert.ok(r.ok, text);
    return r.ok ? r.path : [];
  };
  assert.deepEqual(ok('$'), []);
  assert.deepEqual(ok('$.a.b[0].c'), ['a', 'b', 0, 'c']);
  assert.deepEqual(ok(`$['a b']["c\\"d"][-1]`), ['a b', 'c"d', -1]);
  for (const bad of ['a.b', '$..a', '$.*', '$[?(@.x)]', '$.', '$a', '$[x]'])
    assert.equal(parseJsonPath(bad).ok, false, bad);
  const doc = { a: { b: [{ c: 1 }, { c: null }] }, 'a b': true };
  assert.deepEqual(readJsonPath(doc, ['a', 'b', 0, 'c']), { found: true, value: 1 });
  assert.deepEqual(readJsonPath(doc, ['a', 'b', -1, 'c']), { found: true, value: null });
  assert.deepEqual(readJsonPath(doc, ['a', 'b', 5, 'c']), { found: false, missing: '$.a.b[5]' });
  assert.deepEqual(readJsonPath(doc, ['a', 'x', 'y']), { found: false, missing: '$.a.x' });
  assert.deepEqual(
    readJsonPath(doc, ['a', 'b', 'length']),
    { found: false, missing: '$.a.b.length' },
    'no reaching into array properties',
  );
  assert.deepEqual(
    readJsonPath(doc, ['toString']),
    { found: false, missing: '$.toString' },
    'no prototype lookups',
  );
});

test('expected statuses: numbers, classes, ranges', () => {
  assert.deepEqual(parseStatusItem(204), [204, 204]);
  assert.deepEqual(parseStatusItem('2xx'), [200, 299]);
  assert.deepEqual(parseStatusItem('200 - 204'), [200, 204]);
  assert.deepEqual(parseStatusItem('301'), [301, 301]);
  for (const bad of [99, 600, 200.5, '6xx', '204-200', 'ok'])
    assert.equal(parseStatusItem(bad), undefined, String(bad));
  assert.equal(
    statusMatches(302, [
      [200, 299],
      [300, 399],
    ]),
    true,
  );
  assert.equal(statusMatches(404, [[200, 299]]), false);
  assert.equal(
    describeStatuses([
      [200, 200],
      [300, 399],
      [401, 403],
    ]),
    '200, 3xx or 401-403',
  );
});
