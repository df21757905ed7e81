import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { EXIT, EXIT_CODES } from '../../src/cli/exit-codes.js';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { PACKAGE_ROOT } from '../../src/runtime/paths.js';
import { policyWithAvailability } from '../helpers/availability-policy.js';
import { surety, suretyServe } from '../helpers/cli.js';
import { testDatabases } from '../helpers/databases.js';
import { startHttpTarget } from '../sources/probes/helpers/targets.js';

describe('help on the availability commands', () => {
  for (const args of [
    ['agent', '--help'],
    ['monitors', 'list', '--help'],
    ['incidents', '--help'],
    ['incidents', 'ack', '--help'],
    ['maintenance', 'add', '--help'],
    ['health-checks', 'run', '--help'],
    ['stress-tests', 'list', '--help'],
  ]) {
    test(`surety ${args.join(' ')}`, async () => {
      const r = await surety(args);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Usage: surety/);
    });
  }

  test('surety agent without its options, or with a bad server URL, says what is missing', async () => {
    const none = await surety(['agent']);
    assert.equal(none.code, EXIT.usage);
    assert.match(none.stderr, /required option '--server <url>' not specified/);
    const bad = await surety([
      'agent',
      '--server',
      'nowhere',
      '--token',
      't',
      '--location',
      'edge',
    ]);
    assert.equal(bad.code, EXIT.usage);
    assert.match(bad.stderr, /"nowhere" is not a URL/);
  });
});

for (const db of await testDatabases()) {
  describe(
    `a real agent process and the CLI against one database [${db.name}]`,
    { skip: db.skip },
    () => {
      test('surety agent reports what it sees; monitors, incidents and maintenance from the command line', async () => {
        const location = await db.fresh();
        const common = [
          '--data-dir',
          location.dataDir,
          ...(location.url ? ['--db', location.url] : []),
        ];
        const web = await startHttpTarget();
        const policy = policyWithAvailability('  agentSilentAfter: 10s');
        const server = await suretyServe([...common, '--policy', policy]);
        let agent: ReturnType<typeof spawn> | undefined;
        try {
          const admin = /\n {2}(sty_\S+)\n/.exec(server.stdout())![1]!;
          const api = async (method: string, path: string, body?: unknown) => {
            const res = await fetch(`${server.url}${path}`, {
              method,
              headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
              body: body === undefined ? undefined : JSON.stringify(body),
            });
            return { status: res.status, body: (await res.json()) as any };
          };
          assert.equal(
            (
              await api('POST', '/api/v1/monitors', {
                id: 'edge-web',
                service: 'web',
                type: 'http',
                target: web.url('/ok'),
                intervalSeconds: 1,
                locations: ['edge'],
              })
            ).status,
            201,
          );
          const made = await surety([
            'token',
            'create',
            '--role',
            'probe',
            '--location',
            'edge',
            '--output',
            'json',
            ...common,
            '--policy',
            policy,
          ]);
          assert.equal(made.code, 0, made.stderr);
          const token = JSON.parse(made.stdout).token as string;

          agent = spawn(
            process.execPath,
            [
              join(PACKAGE_ROOT, 'bin', 'surety.js'),
              'agent',
              '--server',
              server.url,
              '--location',
              'edge',
              '--log-level',
              'warn',
            ],
            {
              env: { ...process.env, SURETY_AGENT_TOKEN: token },
              stdio: ['ignore', 'pipe', 'pipe'],
            },
          );
          let out = '';
          let errors = '';
          agent.stdout!.on('data', (d) => (out += d));
          agent.stderr!.on('data', (d) => (errors += d));
          await new Promise<void>((resolve, reject) => {
            agent!.stdout!.on('data', () => /reporting to/.test(out) && resolve());
            agent!.once('exit', (code) => reject(new Error(`surety agent exited with ${code}`)));
          });
          assert.match(
            out,
            /Surety agent at location edge reporting to http:\/\/127\.0\.0\.1:\d+ \(1 monitors\)/,
          );
          // The agent reports every 2 s (a fifth of the 10 s silence limit): wait for its first report.
          let state = 'unknown';
          for (let i = 0; i < 300 && state !== 'up'; i++) {
            await new Promise((r) => setTimeout(r, 100));
            state = (await api('GET', '/api/v1/monitors/edge-web')).body.state;
          }
          assert.equal(state, 'up', errors);
          assert.equal((await api('GET', '/api/v1/agents')).body.agents[0].location, 'edge');

          const added = await surety([
            'monitors',
            'add',
            '--id',
            'db',
            '--service',
            'db',
            '--type',
            'tcp',
            '--target',
            'db.internal:5432',
            '--interval',
            '60',
            ...common,
            '--policy',
            policy,
          ]);
          assert.equal(added.code, 0, added.stderr);
          assert.match(added.stdout, /^db \(tcp, service db\): unknown/);
          const badAdd = await surety([
            'monitors',
            'add',
            '--id',
            'db2',
            '--service',
            'db',
            '--type',
            'tcp',
            '--target',
            'nowhere',
            ...common,
            '--policy',
            policy,
          ]);
          assert.equal(badAdd.code, EXIT_CODES.invalid_input);
          assert.match(badAdd.stderr, /target: "nowhere" is not "host:port"/);
          const removed = await surety(['monitors', 'remove', 'db', ...common, '--policy', policy]);
          assert.match(removed.stdout, /monitor db removed/, removed.stderr);
          const list = await surety(['monitors', 'list', ...common, '--policy', policy]);
          assert.equal(list.code, 0, list.stderr);
          assert.match(
            list.stdout,
            /edge-web\s+web\s+http\s+http:\/\/127\.0\.0\.1:\d+\/ok\s+1s\s+up\s+edge:up/,
          );

          const opened = await surety([
            'incidents',
            'open',
            '--service',
            'web',
            '--title',
            'Checkout errors',
            ...common,
            '--policy',
            policy,
          ]);
          assert.equal(opened.code, 0, opened.stderr);
          assert.match(opened.stdout, /Incident 1 on web: Checkout errors \(open\)/);
          const ack = await surety([
            'incidents',
            'ack',
            '1',
            '--note',
            'looking',
            ...common,
            '--policy',
            policy,
          ]);
          assert.match(ack.stdout, /acknowledged\s+cli\s+looking/);
          const again = await surety(['incidents', 'ack', '1', ...common, '--policy', policy]);
          assert.equal(again.code, EXIT_CODES.conflict);
          assert.match(again.stderr, /already acknowledged/);
          const incidents = await surety([
            'incidents',
            'list',
            '--output',
            'json',
            ...common,
            '--policy',
            policy,
          ]);
          assert.equal(JSON.parse(incidents.stdout).incidents[0].state, 'acknowledged');

          const w = await surety([
            'maintenance',
            'add',
            '--service',
            'web',
            '--every',
            'every day 03:00-04:00',
            ...common,
            '--policy',
            policy,
          ]);
          assert.equal(w.code, 0, w.stderr);
          assert.match(
            (await surety(['maintenance', 'list', ...common, '--policy', policy])).stdout,
            /web\s+every day 03:00-04:00/,
          );
          assert.match(
            (await surety(['health-checks', 'list', ...common, '--policy', policy])).stdout,
            /health\s+Health checks \(three times a day\)\s+08:00, 14:00, 20:00 Asia\/Shanghai\s+never run/,
          );
          assert.match(
            (await surety(['stress-tests', 'list', ...common, '--policy', policy])).stdout,
            /None declared in the policy/,
          );
        } finally {
          if (agent && agent.exitCode === null) {
            agent.kill('SIGTERM');
            await once(agent, 'exit');
          }
          await server.stop();
          await web.close();
          await location.cleanup();
        }
      });
    },
  );
}
