import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDuration, parseDuration } from '../../src/domain/duration.js';

test('durations parse the way people write them', () => {
  assert.equal(parseDuration('15m'), 900_000);
  assert.equal(parseDuration('2h'), 7_200_000);
  assert.equal(parseDuration('1h30m'), 5_400_000);
  assert.equal(parseDuration('1.5h'), 5_400_000);
  assert.equal(parseDuration('3d'), 259_200_000);
  assert.equal(parseDuration('250ms'), 250);
  for (const bad of ['', '15', 'm', '15x', '1h 30m', '-5m', 'h1'])
    assert.equal(parseDuration(bad), undefined, bad);
});

test('durations print with their two largest units', () => {
  assert.equal(formatDuration(900_000), '15m');
  assert.equal(formatDuration(5_400_000), '1h 30m');
  assert.equal(formatDuration(259_200_000 + 3_600_000 + 60_000), '3d 1h');
  assert.equal(formatDuration(-60_000), '-1m');
  assert.equal(formatDuration(12), '12ms');
});
