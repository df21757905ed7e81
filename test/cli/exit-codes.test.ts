import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { EXIT, EXIT_CODES } from '../../src/cli/exit-codes.js';
import { ERROR_CODES } from '../../src/domain/errors.js';
import { surety } from '../helpers/cli.js';

describe('the exit-code table', () => {
  test('has one status for every code errors.ts declares, and no other', () => {
    assert.deepEqual(Object.keys(EXIT_CODES).sort(), [...ERROR_CODES].sort());
  });

  test('gives each code a status of its own, clear of 0-2, sysexits and the shell', () => {
    const statuses = Object.values(EXIT_CODES);
    assert.equal(new Set(statuses).size, statuses.length, `a status is shared: ${statuses}`);
    for (const [code, status] of Object.entries(EXIT_CODES)) {
      assert.ok(!(Object.values(EXIT) as number[]).includes(status), `${code}: ${status}`);
      assert.ok(Number.isInteger(status) && status >= 10 && status < 64, `${code}: ${status}`);
    }
  });
});

// Each refusal on a fresh data dir with the shipped policy, so nothing else can make it fail.
describe('the real CLI exits with the status of the error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'surety-exit-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => surety([...args, '--data-dir', dir]);

  test('invalid_input: an alert number that is not a number', async () => {
    const r = await run('alerts', 'ack', 'first');
    assert.equal(r.code, EXIT_CODES.invalid_input, r.stderr);
    assert.equal(r.stderr, 'error: "first" is not an alert number\n');
  });

  test('not_found: an alert that does not exist', async () => {
    const r = await run('alerts', 'resolve', '999');
    assert.equal(r.code, EXIT_CODES.not_found, r.stderr);
    assert.equal(r.stderr, 'error: no alert 999\n');
  });

  test('unknown_reference: compliance for a customer that does not exist', async () => {
    const r = await run('compliance', '--month', '2026-10', '--customer', 'nobody');
    assert.equal(r.code, EXIT_CODES.unknown_reference, r.stderr);
    assert.equal(r.stderr, 'error: customer: there is no customer "nobody"\n');
  });

  test('conflict: an incident acknowledged twice', async () => {
    const opened = await run('incidents', 'open', '--service', 'shop', '--title', 'Down');
    assert.equal(opened.code, EXIT.ok, opened.stderr);
    const id = /Incident (\d+)/.exec(opened.stdout)?.[1];
    assert.ok(id, opened.stdout);
    assert.equal((await run('incidents', 'ack', id)).code, EXIT.ok);
    const again = await run('incidents', 'ack', id);
    assert.equal(again.code, EXIT_CODES.conflict, again.stderr);
    assert.match(again.stderr, /already acknowledged/);
  });

  test('a usage error exits 2 from a verb at any depth', async () => {
    for (const [args, said] of [
      [['alerts', 'list', '--bogus'], /unknown option '--bogus'/],
      [['token', 'create', '--role', 'root'], /argument 'root' is invalid/],
      [['notifications', 'list', '--status', 'lost'], /argument 'lost' is invalid/],
      [['monitors', 'list', '--bogus'], /unknown option '--bogus'/],
    ] as const) {
      const r = await surety([...args]);
      assert.equal(r.code, EXIT.usage, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, said);
    }
  });
});
