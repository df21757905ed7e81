// A quarter with more than 50,000 tickets: the evidence pack holds every one of them (nothing
// is cut off as the report's lists are), and it verifies offline.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { verifyEvidencePack } from '../../../src/reports/evidence-verify.js';
import { loadAuditSigner } from '../../../src/runtime/audit-key.js';
import { directoryReader, directorySink } from '../../../src/runtime/evidence-dir.js';
import { ManualTime } from '../../../src/runtime/time.js';
import { SYSTEM, type ServiceContext } from '../../../src/services/context.js';
import { createCustomer } from '../../../src/services/customers/create.js';
import { generateReport } from '../../../src/services/reports/generate.js';
import { importTickets } from '../../../src/services/tickets/import.js';
import { freshStore, testDatabases } from '../../helpers/databases.js';
import { at, defaultPolicy } from '../../helpers/policy.js';

const [sqlite] = await testDatabases();
const TICKETS = 50_123;

describe('a quarterly evidence pack of more than 50,000 tickets', () => {
  let close: () => Promise<void>;
  let ctx: ServiceContext;
  let work: string;
  before(async () => {
    const opened = await freshStore(sqlite!);
    close = opened.close;
    work = mkdtempSync(join(tmpdir(), 'surety-big-pack-'));
    ctx = {
      store: opened.store,
      policy: defaultPolicy(),
      time: new ManualTime(at('2027-01-05T00:00:00Z')),
      caller: SYSTEM,
    };
    await createCustomer({ ctx, input: { id: 'acme', name: 'ACME', monthlyFee: 1000 } });
    const start = at('2026-10-01T00:00:00Z');
    const step = Math.floor((90 * 24 * 3_600_000) / TICKETS);
    for (let i = 0; i < TICKETS; i += 10_000) {
      const tickets = [];
      for (let k = i; k < Math.min(i + 10_000, TICKETS); k++) {
        const created = start + k * step;
        tickets.push({
          customer: 'acme',
          kind: 'inquiry',
          priority: 'general',
          channel: 'email',
          subject: `question ${k}`,
          externalId: `Q${k}`,
          createdAt: new Date(created).toISOString(),
          events: [{ type: 'acknowledged', at: new Date(created + 60_000).toISOString() }],
        });
      }
      await importTickets({ ctx, input: { tickets } });
    }
  });
  after(async () => {
    await close?.();
    rmSync(work, { recursive: true, force: true });
  });

  test('holds every ticket, and verifies', async () => {
    const dir = join(work, 'pack');
    const report = await generateReport({
      ctx,
      input: { kind: 'quarterly', date: '2026-Q4', format: 'json' },
      signer: loadAuditSigner(join(work, 'audit-key.pem')),
      evidence: directorySink(dir),
    });
    assert.equal(report.pack?.counts.tickets, TICKETS);
    const ids = new Set(
      readFileSync(join(dir, 'tickets.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { record: { externalId: string } }).record.externalId),
    );
    assert.equal(ids.size, TICKETS, 'every ticket once');
    assert.ok(ids.has('Q0') && ids.has(`Q${TICKETS - 1}`));
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    const tickets = manifest.files.find((f: { name: string }) => f.name === 'tickets.jsonl');
    assert.equal(tickets.rows, TICKETS, 'the manifest states the size');
    const v = await verifyEvidencePack(directoryReader(dir));
    assert.deepEqual(v.problems, []);
    assert.equal(v.tickets, TICKETS);
  });
});
