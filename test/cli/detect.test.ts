import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { surety } from '../helpers/cli.js';

describe('surety detect --format nab', () => {
  const dir = mkdtempSync(join(tmpdir(), 'surety-detect-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** NAB-style rows: 5-minute points from 2014-04-01 00:00:00, a sawtooth with one spike. */
  function nabCsv(n: number, spikeAt: number): { text: string; rows: string[][] } {
    const rows: string[][] = [];
    for (let i = 0; i < n; i++) {
      const at = new Date(Date.UTC(2014, 3, 1) + i * 300_000)
        .toISOString()
        .replace('T', ' ')
        .slice(0, 19);
      rows.push([at, String(i === spikeAt ? 500 : 20 + (i % 10) * 0.5)]);
    }
    return { text: `timestamp,value\n${rows.map((r) => r.join(',')).join('\n')}\n`, rows };
  }

  test('writes timestamp,value,anomaly_score row for row, and flags the spike', async () => {
    const { text, rows } = nabCsv(600, 400);
    const input = join(dir, 'in.csv');
    const output = join(dir, 'out.csv');
    writeFileSync(input, text);
    const r = await surety(['detect', '--format', 'nab', '--input', input, '--output', output]);
    assert.equal(r.code, 0, r.stderr);
    const lines = readFileSync(output, 'utf8').trimEnd().split('\n');
    assert.equal(lines[0], 'timestamp,value,anomaly_score');
    assert.equal(lines.length, rows.length + 1);
    const scores = lines.slice(1).map((line, i) => {
      const [t, v, s] = line.split(',');
      assert.deepEqual([t, v], rows[i], `row ${i + 1}`);
      const score = Number(s);
      assert.ok(score >= 0 && score <= 1, `row ${i + 1}: ${s}`);
      return score;
    });
    assert.ok(scores[400]! >= 0.5, `spike scored ${scores[400]}`);
    assert.ok(Math.max(...scores.slice(100, 400)) < 0.5, 'the repeating sawtooth is not news');
    assert.deepEqual(scores.slice(0, 50), new Array(50).fill(0), 'warm-up');
  });

  test('a malformed row is an error naming the line, and no output is left', async () => {
    const input = join(dir, 'bad.csv');
    const output = join(dir, 'bad-out.csv');
    writeFileSync(input, 'timestamp,value\n2014-04-01 00:00:00,1\n2014-04-01 00:05:00,lots\n');
    const r = await surety(['detect', '--format', 'nab', '--input', input, '--output', output]);
    assert.equal(r.code, 1);
    assert.ok(r.stderr.includes(`${input}:3: value "lots" is not a number`), r.stderr);
    assert.throws(() => readFileSync(output));

    writeFileSync(input, 'timestamp,value\n01/04/2014 00:00,1\n');
    const t = await surety(['detect', '--input', input, '--output', output]);
    assert.equal(t.code, 1);
    assert.ok(t.stderr.includes(`${input}:2: unreadable timestamp "01/04/2014 00:00"`), t.stderr);
  });

  test('a missing file or a wrong header is a clear error', async () => {
    const missing = await surety([
      'detect',
      '--format',
      'nab',
      '--input',
      join(dir, 'nope.csv'),
      '--output',
      join(dir, 'o.csv'),
    ]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /nope\.csv: cannot read it: no such file/);
    const input = join(dir, 'header.csv');
    writeFileSync(input, 'time,reading\n2014-04-01 00:00:00,1\n');
    const header = await surety(['detect', '--input', input, '--output', join(dir, 'o.csv')]);
    assert.equal(header.code, 1);
    assert.match(
      header.stderr,
      /header\.csv:1: the header must name the columns timestamp and value/,
    );
  });
});
