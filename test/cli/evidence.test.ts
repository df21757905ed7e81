// The quarterly evidence pack, written by `surety report quarterly` beside a running server and
// checked by `surety evidence verify` with nothing but the pack and the public key: untouched it
// verifies; one changed byte, a missing or an added file is named, exit 1.
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EXIT } from '../../src/cli/exit-codes.js';
import { surety } from '../helpers/cli.js';
import { testDatabases } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { MIN, addCustomer, expectStatus, issueToken, openTicket, record } from '../http/support.js';

const [sqlite] = await testDatabases();

describe('surety evidence verify', () => {
  let s: TestServer;
  let work: string;
  let pack: string;
  let keyFile: string;
  let tickets: number[];
  let agentId: string;
  const verify = (...args: string[]) => surety(['evidence', 'verify', ...args]);

  before(async () => {
    s = await startTestServer(sqlite!, { now: '2026-10-05T02:00:00Z' });
    work = mkdtempSync(join(tmpdir(), 'surety-evidence-'));
    await addCustomer(s, 'acme', { monthlyFee: 20000 });
    const agent = await issueToken(s, 'agent');
    agentId = agent.id;
    tickets = [];
    for (let i = 0; i < 3; i++) {
      tickets.push((await openTicket(s, { subject: `question ${i}` }, agent.token)).id);
      await s.time.advance(5 * MIN);
    }
    await record(s, tickets[0]!, 'acknowledged', {}, agent.token);
    await s.time.advance(30 * MIN);
    await record(s, tickets[1]!, 'acknowledged', {}, agent.token); // late: C-01 breached
    // An admin's late entry, kept and marked.
    await record(s, tickets[2]!, 'acknowledged', {
      at: new Date(s.time.now() - 8 * MIN).toISOString(),
    });
    await s.app.sweeper.runOnce();
    await s.app.consequences.runOnce();
    const key = await s.api('GET', '/api/v1/audit/key', undefined, null);
    expectStatus(key, 200);
    keyFile = join(work, 'surety-audit.pem');
    writeFileSync(keyFile, key.body.publicKey);
    pack = join(work, 'q4-evidence');
    await s.time.advance(90 * 24 * 60 * MIN); // the quarter is over
    const r = await surety([
      'report',
      'quarterly',
      '--date',
      '2026-Q4',
      '--format',
      'json',
      '--out',
      join(work, 'q4.json'),
      '--evidence',
      pack,
      '--data-dir',
      s.location.dataDir,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /evidence pack written to .*: \d+ files, \d+ bytes; 3 tickets, 3 events \(1 late\), 0 corrections, \d+ signals, 0 incidents, 2 credit lines, \d+ audit entries; manifest.json signed/,
    );
  });
  after(async () => {
    await s?.close();
    rmSync(work, { recursive: true, force: true });
  });

  test('an untouched pack verifies, against the key the server publishes', async () => {
    const r = await verify(pack, '--key', keyFile);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /^evidence pack 2026-Q4 verified: \d+ files unchanged, 3 tickets, \d+ audit entries chained to the signed head \d+:[0-9a-f]{64}; key [0-9a-f]{16}…\n$/,
    );
    const own = await verify(pack);
    assert.equal(own.code, 0, own.stderr);
    assert.match(own.stdout, /the pack's own: pass --key/);
  });

  test('the pack holds every ticket with who recorded each event, the late entry, the policy text and its audit', () => {
    const lines = readFileSync(join(pack, 'tickets.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      lines.map((l) => l.record.id),
      tickets,
    );
    assert.equal(lines[0].record.events[0].recordedBy.id, agentId);
    const late = readFileSync(join(pack, 'late-entries.csv'), 'utf8').trim().split('\n');
    assert.equal(late.length, 2, 'a header and the one late entry');
    assert.match(late[1]!, new RegExp(`^${tickets[2]},acme,1,acknowledged,`));
    assert.match(late[1]!, /,480000,admin,the configured admin token$/);
    assert.equal(readFileSync(join(pack, 'policy.yaml'), 'utf8'), s.app.core.policy.source);
    const audit = readFileSync(join(pack, 'audit-log.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.ok(
      audit.some(
        (e) => e.action === 'ticket.late_event_added' && e.object.id === String(tickets[2]),
      ),
    );
    assert.deepEqual(
      JSON.parse(readFileSync(join(pack, 'assessments.json'), 'utf8')),
      [],
      'the quarter has no third-party assessment yet, and the pack says so',
    );
    const manifest = JSON.parse(readFileSync(join(pack, 'manifest.json'), 'utf8'));
    assert.equal(manifest.audit.head, `${audit.at(-1).seq}:${audit.at(-1).hash}`);
    const report = JSON.parse(readFileSync(join(work, 'q4.json'), 'utf8'));
    assert.equal(
      report.header.audit.seq,
      audit.at(-1).seq,
      'the report states the head the pack is signed at',
    );
  });

  test('a single changed byte names its file; a removed or an added file is named too', async () => {
    const file = join(pack, 'tickets.jsonl');
    const original = readFileSync(file);
    const changed = Buffer.from(original);
    const at = changed.indexOf('question 1');
    changed[at + 9] = '7'.charCodeAt(0);
    writeFileSync(file, changed);
    const r = await verify(pack, '--key', keyFile);
    assert.equal(r.code, EXIT.failed);
    assert.match(
      r.stderr,
      /^tickets\.jsonl: changed: its SHA-256 is [0-9a-f]{16}… \(\d+ bytes\), the signed manifest says [0-9a-f]{16}… \(\d+ bytes\)\n/,
    );
    assert.match(
      r.stderr,
      new RegExp(`tickets\\.jsonl: ticket ${tickets[1]} does not match its audit entry #\\d+`),
    );
    writeFileSync(file, original);

    rmSync(join(pack, 'corrections.jsonl'));
    appendFileSync(join(pack, 'extra.csv'), 'a,b\n');
    const r2 = await verify(pack, '--key', keyFile);
    assert.equal(r2.code, EXIT.failed);
    assert.match(r2.stderr, /^corrections\.jsonl: missing from the pack$/m);
    assert.match(r2.stderr, /^extra\.csv: not in the manifest: it was added to the pack$/m);
  });
});
