// The quarterly third-party assessments over HTTP and the command line: recorded by an auditor
// or an admin with who and when, read by staff and auditors newest first, refused whole with
// every problem named, kept from customers.
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { EXIT_CODES } from '../../src/cli/exit-codes.js';
import { surety } from '../helpers/cli.js';
import { testDatabases } from '../helpers/databases.js';
import {
  addCustomer,
  expectDetailAt,
  expectError,
  expectStatus,
  issueToken,
  serverPerTest,
} from './support.js';

const dbs = await testDatabases();

/** 2026-12-22 10:00 in Shanghai: late in Q4, so a Q4 assessment can be dated. */
const NOW = '2026-12-22T02:00:00.000Z';

const Q4 = {
  period: '2026-Q4',
  assessor: 'Zhang Min',
  organisation: 'China Quality Certification Centre',
  scope: 'service desk, incident handling and reporting, all customers',
  findings: [
    { severity: 'low', title: 'Two reports sent a day late' },
    {
      severity: 'high',
      title: 'On-call handover not written down',
      detail: 'two of five handovers in November had no note',
    },
  ],
  verdict: 'pass_with_findings',
  date: '2026-12-20',
};

for (const db of dbs) {
  describe(`assessments [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db, NOW);

    it('records an assessment with its recorder and the server time; lists newest first; reads one', async () => {
      const s = server();
      const auditor = (
        await s.api('POST', '/api/v1/tokens', { role: 'auditor', name: 'CQC assessor' })
      ).body;
      const created = await s.api('POST', '/api/v1/assessments', Q4, auditor.token);
      expectStatus(created, 201);
      assert.deepEqual(created.body, {
        id: created.body.id,
        period: '2026-Q4',
        assessor: Q4.assessor,
        organisation: Q4.organisation,
        scope: Q4.scope,
        date: '2026-12-20',
        verdict: 'pass_with_findings',
        findings: [
          { severity: 'low', title: 'Two reports sent a day late', detail: null },
          {
            severity: 'high',
            title: 'On-call handover not written down',
            detail: 'two of five handovers in November had no note',
          },
        ],
        counts: { info: 0, low: 1, medium: 0, high: 1, critical: 0 },
        recordedBy: { id: auditor.id, name: 'CQC assessor' },
        recordedAt: NOW,
      });
      const logged = await s.api('GET', `/api/v1/audit?object=assessment:${created.body.id}`);
      assert.deepEqual(
        logged.body.entries.map((e: any) => [e.action, e.actor.id, e.actor.name, e.at]),
        [['assessment.recorded', auditor.id, 'CQC assessor', NOW]],
      );
      // An admin may record one for the assessor; an earlier date of the same quarter lists after it.
      const earlier = await s.api('POST', '/api/v1/assessments', {
        ...Q4,
        findings: [],
        verdict: 'pass',
        date: '2026-11-02',
      });
      expectStatus(earlier, 201);
      assert.deepEqual(earlier.body.recordedBy, {
        id: 'admin',
        name: 'the configured admin token',
      });
      const q3 = await s.api('POST', '/api/v1/assessments', {
        ...Q4,
        period: '2026-Q3',
        date: '2026-10-10',
      });
      expectStatus(q3, 201);

      const all = await s.api('GET', '/api/v1/assessments', undefined, auditor.token);
      expectStatus(all, 200);
      assert.deepEqual(
        all.body.assessments.map((a: any) => a.id),
        [created.body.id, earlier.body.id, q3.body.id],
      );
      const q4 = await s.api('GET', '/api/v1/assessments?period=2026-Q4');
      assert.deepEqual(
        q4.body.assessments.map((a: any) => a.id),
        [created.body.id, earlier.body.id],
      );
      assert.deepEqual(
        (await s.api('GET', '/api/v1/assessments?period=2027-Q1')).body.assessments,
        [],
      );
      const one = await s.api('GET', `/api/v1/assessments/${created.body.id}`);
      expectStatus(one, 200);
      assert.deepEqual(one.body, created.body);
      expectError(await s.api('GET', '/api/v1/assessments/4242'), 404, 'not_found', '4242');
      expectError(
        await s.api('GET', '/api/v1/assessments?period=2026-Q5'),
        400,
        'invalid_input',
        'period',
      );

      // The replies are what the OpenAPI document says.
      const ajv = new Ajv({ strict: false, allErrors: true });
      addFormats.default(ajv);
      ajv.addSchema((await s.api('GET', '/api/v1/openapi.json')).body, 'api');
      for (const [name, body] of [
        ['Assessment', created.body],
        ['Assessment', earlier.body],
        ['AssessmentList', all.body],
      ] as const) {
        const validate = ajv.getSchema(`api#/components/schemas/${name}`)!;
        assert.ok(validate(body), `${name}: ${ajv.errorsText(validate.errors)}`);
      }
    });

    it('refuses bad assessments whole, naming each field', async () => {
      const s = server();
      const missing = expectError(
        await s.api('POST', '/api/v1/assessments', { period: '2026-Q4' }),
        400,
        'invalid_input',
        'assessor',
        'organisation',
        'scope',
        'findings',
        'verdict',
        'date',
      );
      expectDetailAt(missing, '/assessor');
      const shape = expectError(
        await s.api('POST', '/api/v1/assessments', {
          ...Q4,
          period: '2026-Q5',
          verdict: 'passed',
          findings: [{ severity: 'severe', title: '' }, { title: 'no severity' }],
          date: '20 Dec 2026',
          signedBy: 'x',
        }),
        400,
        'invalid_input',
        'period',
        'verdict',
        'findings.0.severity',
        'date',
        'signedBy',
      );
      for (const path of [
        '/period',
        '/verdict',
        '/findings/0/severity',
        '/findings/0/title',
        '/findings/1/severity',
        '/date',
        '/signedBy',
      ])
        expectDetailAt(shape, path);
      const meaning = expectError(
        await s.api('POST', '/api/v1/assessments', {
          ...Q4,
          assessor: '   ',
          date: '2026-02-30',
        }),
        400,
        'invalid_input',
        'assessor: must not be blank',
        '"2026-02-30" is not a calendar date',
      );
      expectDetailAt(meaning, '/assessor');
      expectDetailAt(meaning, '/date');
      expectError(
        await s.api('POST', '/api/v1/assessments', { ...Q4, date: '2026-09-30' }),
        400,
        'invalid_input',
        'date: 2026-09-30 is before 2026-Q4 began (2026-10-01)',
      );
      expectError(
        await s.api('POST', '/api/v1/assessments', { ...Q4, date: '2026-12-23' }),
        400,
        'invalid_input',
        'date: 2026-12-23 is in the future (today is 2026-12-22)',
      );
      for (const verdict of ['pass_with_findings', 'fail'])
        expectDetailAt(
          expectError(
            await s.api('POST', '/api/v1/assessments', { ...Q4, verdict, findings: [] }),
            400,
            'invalid_input',
            `a verdict of ${verdict} needs the findings behind it`,
          ),
          '/findings',
        );
      expectError(
        await s.api('POST', '/api/v1/assessments', {
          ...Q4,
          findings: [{ severity: 'info', title: 'x'.repeat(201) }],
        }),
        400,
        'invalid_input',
        'findings.0.title: must be at most 200 characters long',
      );
      assert.deepEqual(
        (await s.api('GET', '/api/v1/assessments')).body.assessments,
        [],
        'nothing written',
      );
    });

    it('agents read but do not record; customers neither', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const id = (await s.api('POST', '/api/v1/assessments', Q4)).body.id;
      const agent = (await issueToken(s, 'agent')).token;
      const customer = (await issueToken(s, 'customer', 'acme')).token;
      expectError(
        await s.api('POST', '/api/v1/assessments', Q4, agent),
        403,
        'forbidden',
        'recording an assessment needs an admin or auditor token; this one is an agent token',
      );
      expectStatus(await s.api('GET', '/api/v1/assessments', undefined, agent), 200);
      expectStatus(await s.api('GET', `/api/v1/assessments/${id}`, undefined, agent), 200);
      expectError(await s.api('POST', '/api/v1/assessments', Q4, customer), 403, 'forbidden');
      expectError(
        await s.api('GET', '/api/v1/assessments', undefined, customer),
        403,
        'forbidden',
        'reading assessments needs an admin, agent or auditor token',
      );
      expectError(
        await s.api('GET', `/api/v1/assessments/${id}`, undefined, customer),
        403,
        'forbidden',
      );
      assert.equal((await s.api('GET', '/api/v1/assessments')).body.assessments.length, 1);
    });

    it('surety assessments add --file and list, beside the running server', async () => {
      const s = server();
      const common = [
        '--data-dir',
        s.location.dataDir,
        ...(s.location.url ? ['--db', s.location.url] : []),
      ];
      const dir = mkdtempSync(join(tmpdir(), 'surety-assessment-'));
      // The command runs on the real clock: a quarter long past.
      const file = join(dir, 'q4-2025.json');
      writeFileSync(file, JSON.stringify({ ...Q4, period: '2025-Q4', date: '2025-12-15' }));
      const added = await surety(['assessments', 'add', '--file', file, ...common]);
      assert.equal(added.code, 0, added.stderr);
      assert.match(
        added.stdout,
        /^Assessment \d+ of 2025-Q4: pass_with_findings \(1 high, 1 low\)/,
      );
      assert.match(added.stdout, /recorded by \S+ \(cli\)/);
      assert.ok(
        added.stdout.indexOf('On-call handover') < added.stdout.indexOf('Two reports'),
        'worst first',
      );
      const listed = await s.api('GET', '/api/v1/assessments?period=2025-Q4');
      assert.equal(listed.body.assessments.length, 1);
      assert.equal(listed.body.assessments[0].recordedBy.id, 'cli');
      assert.match(
        listed.body.assessments[0].recordedBy.name,
        /^\S+$/,
        'the operating-system user',
      );

      const table = await surety(['assessments', 'list', ...common]);
      assert.equal(table.code, 0, table.stderr);
      assert.match(table.stdout, /2025-Q4\s+2025-12-15\s+pass_with_findings\s+1 high, 1 low/);
      const json = await surety([
        'assessments',
        'list',
        '--period',
        '2025-Q4',
        '-o',
        'json',
        ...common,
      ]);
      assert.deepEqual(JSON.parse(json.stdout), listed.body);

      // An assessor's token from the command line, used over the API.
      const token = await surety([
        'token',
        'create',
        '--role',
        'auditor',
        '--name',
        'CQC',
        ...common,
      ]);
      assert.equal(token.code, 0, token.stderr);
      assert.match(token.stdout, /\(auditor token \S+; shown once, keep it safe\)/);
      const secret = token.stdout.split('\n')[0]!;
      const who = await s.api('GET', '/api/v1/whoami', undefined, secret);
      assert.equal(who.body.role, 'auditor');
      expectStatus(await s.api('GET', '/api/v1/assessments', undefined, secret), 200);
      for (const args of [
        ['assessments', '--help'],
        ['assessments', 'add', '--help'],
      ]) {
        const help = await surety(args);
        assert.equal(help.code, 0, help.stderr);
        assert.match(help.stdout, /Usage: surety assessments/);
      }

      writeFileSync(file, JSON.stringify({ ...Q4, period: '2025-Q4', verdict: 'great' }));
      const bad = await surety(['assessments', 'add', '--file', file, ...common]);
      assert.equal(bad.code, EXIT_CODES.invalid_input);
      assert.match(bad.stderr, /^error: invalid assessment: verdict: must be one of/);
      const none = await surety([
        'assessments',
        'add',
        '--file',
        join(dir, 'nope.json'),
        ...common,
      ]);
      assert.equal(none.code, EXIT_CODES.invalid_input);
      assert.match(none.stderr, /nope\.json: cannot read it: no such file/);
      writeFileSync(file, '{ not json');
      const garbled = await surety(['assessments', 'add', '--file', file, ...common]);
      assert.equal(garbled.code, EXIT_CODES.invalid_input);
      assert.match(garbled.stderr, /q4-2025\.json: not valid JSON/);
    });
  });
}
