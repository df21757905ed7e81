import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { DateTime } from 'luxon';
import { EXIT, EXIT_CODES } from '../../src/cli/exit-codes.js';
import { DEFAULT_POLICY } from '../../src/runtime/paths.js';
import { surety, suretyServe } from '../helpers/cli.js';
import { testDatabases } from '../helpers/databases.js';

const dbs = await testDatabases();

describe('surety check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'surety-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('accepts the shipped guarantee', async () => {
    const r = await surety(['check', DEFAULT_POLICY]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /ok: 17 commitments/);
  });

  test('names every problem with file:line:column and exits non-zero', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      [
        'surety: 1',
        'name: { en: Bad, zh: 坏 }',
        'commitments:',
        '  - id: C-01',
        '    name: { en: A, zh: 甲 }',
        '    measure: first_response',
        '    target: soon',
        '    colour: red',
        '',
      ].join('\n'),
    );
    const r = await surety(['check', file]);
    assert.equal(r.code, EXIT.failed);
    assert.ok(
      r.stderr.includes(`${file}:7:13: commitments[0].target: "soon" is not a duration`),
      r.stderr,
    );
    assert.ok(
      r.stderr.includes(`${file}:8:5: commitments[0].colour: unknown field "colour"`),
      r.stderr,
    );
    assert.match(r.stderr, /2 problems/);
  });

  test('a missing file is a clear error', async () => {
    const r = await surety(['check', join(dir, 'nope.yaml')]);
    assert.equal(r.code, EXIT.failed);
    assert.match(r.stderr, /nope\.yaml: cannot read it: no such file/);
  });
});

describe('help on every command', () => {
  for (const args of [
    ['--help'],
    ['serve', '--help'],
    ['check', '--help'],
    ['compliance', '--help'],
    ['token', '--help'],
    ['token', 'create', '--help'],
  ]) {
    test(`surety ${args.join(' ')}`, async () => {
      const r = await surety(args);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Usage: surety/);
    });
  }

  test('an unknown option is a usage error', async () => {
    const r = await surety(['compliance', '--mnth', '2026-10']);
    assert.equal(r.code, EXIT.usage);
    assert.match(r.stderr, /unknown option '--mnth'/);
  });

  test('a bad port is refused with the reason', async () => {
    const r = await surety(['serve', '--port', 'eighty']);
    assert.equal(r.code, EXIT_CODES.invalid_input);
    assert.match(r.stderr, /port: "eighty" is not a TCP port/);
  });
});

for (const db of dbs) {
  describe(
    `serve, token and compliance against one database [${db.name}]`,
    { skip: db.skip },
    () => {
      test('a first start prints an admin token once; the CLI reads what the server wrote', async () => {
        const location = await db.fresh();
        const common = [
          '--data-dir',
          location.dataDir,
          ...(location.url ? ['--db', location.url] : []),
        ];
        const server = await suretyServe(common);
        try {
          const admin = /\n {2}(sty_\S+)\n/.exec(server.stdout())?.[1];
          assert.ok(admin, `no token printed: ${server.stdout()}`);
          const api = (method: string, path: string, body?: unknown, token = admin) =>
            fetch(`${server.url}${path}`, {
              method,
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              body: body === undefined ? undefined : JSON.stringify(body),
            });

          assert.equal(
            (
              await api('POST', '/api/v1/customers', {
                id: 'acme',
                name: 'ACME',
                monthlyFee: 10000,
                currency: 'CNY',
              })
            ).status,
            201,
          );
          // A ticket opened an hour ago and never answered: its 15-minute first response is breached.
          const created = new Date(Date.now() - 60 * 60 * 1000);
          const res = await api('POST', '/api/v1/tickets', {
            customer: 'acme',
            kind: 'inquiry',
            priority: 'general',
            channel: 'email',
            subject: 'Hello?',
            createdAt: created.toISOString(),
          });
          const ticket = (await res.json()) as { id: number };
          assert.equal(res.status, 201);

          // A token made by the CLI works against the running server.
          const made = await surety([
            'token',
            'create',
            '--role',
            'customer',
            '--customer',
            'acme',
            '--output',
            'json',
            ...common,
          ]);
          assert.equal(made.code, 0, made.stderr);
          const customerToken = (JSON.parse(made.stdout) as { token: string }).token;
          assert.equal(
            (await api('GET', `/api/v1/tickets/${ticket.id}`, undefined, customerToken)).status,
            200,
          );

          const month = DateTime.fromMillis(created.getTime() + 15 * 60 * 1000, {
            zone: 'Asia/Shanghai',
          }).toFormat('yyyy-MM');
          const report = await surety([
            'compliance',
            '--month',
            month,
            '--output',
            'json',
            ...common,
          ]);
          assert.equal(report.code, 0, report.stderr);
          const c01 = (
            JSON.parse(report.stdout) as {
              commitments: Array<{
                commitment: string;
                breaches: number;
                tickets: number[];
                met: boolean;
              }>;
            }
          ).commitments.find((c) => c.commitment === 'C-01')!;
          assert.equal(c01.breaches, 1);
          assert.deepEqual(c01.tickets, [ticket.id]);
          assert.equal(c01.met, false);

          const table = await surety(['compliance', '--month', month, ...common]);
          assert.match(
            table.stdout,
            /C-01\s+First response to a customer inquiry\s+15m\s+0%\s+BREACHED\s+1\s+/,
          );

          const bad = await surety(['token', 'create', '--role', 'customer', ...common]);
          assert.equal(bad.code, EXIT_CODES.invalid_input);
          assert.match(bad.stderr, /a customer token needs the customer/);
        } finally {
          await server.stop();
        }
        // The second start finds the admin token and prints none.
        const again = await suretyServe(common);
        try {
          assert.doesNotMatch(again.stdout(), /sty_/);
        } finally {
          await again.stop();
          await location.cleanup();
        }
      });
    },
  );
}
