// The audit log over the API, on both databases: the issue's scenario (an agent's late
// acknowledgement refused, the same change as a correction voiding the credit, both in the
// log with actor and time), who may read the log, the public key, a report's head as a witness
// a month later, and the daily check that pages when the database was changed behind Surety.
import assert from 'node:assert/strict';
import { verify } from 'node:crypto';
import { describe, it } from 'node:test';
import { EXIT } from '../../src/cli/exit-codes.js';
import { behindTheBack } from '../helpers/behind-the-back.js';
import { surety } from '../helpers/cli.js';
import { testDatabases } from '../helpers/databases.js';
import {
  DAY,
  HOUR,
  MIN,
  T0,
  addCustomer,
  clockOf,
  expectError,
  expectStatus,
  getTicket,
  iso,
  issueToken,
  openTicket,
  record,
  serverPerTest,
} from './support.js';

for (const db of await testDatabases()) {
  describe(`the audit log [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db);

    it('the late acknowledgement is refused and the credit stands; as a correction it voids the credit, both audited', async () => {
      const s = server();
      await addCustomer(s, 'acme', { monthlyFee: 10000 });
      const agent = await issueToken(s, 'agent');
      const t = await openTicket(s, {}, agent.token);
      s.time.set(T0 + 2 * HOUR);
      await s.app.sweeper.runOnce();
      await s.app.consequences.runOnce();
      const credit = async () =>
        (await s.api('GET', '/api/v1/credits?month=2026-10')).body.customers[0]?.total ?? 0;
      assert.equal(await credit(), 500, '5 % of 10,000 for the breached first response');

      const late = await s.api(
        'POST',
        `/api/v1/tickets/${t.id}/events`,
        { type: 'acknowledged', at: iso(T0 + 10 * MIN) },
        agent.token,
      );
      expectError(late, 422, 'late_entry');
      assert.equal(clockOf(await getTicket(s, t.id), 'C-01').state, 'breached');
      assert.equal(await credit(), 500, 'the breach and the credit stand');

      await record(s, t.id, 'acknowledged', {}, agent.token); // answered now, two hours late
      const corrected = await s.api('POST', `/api/v1/tickets/${t.id}/events/1/correct`, {
        at: iso(T0 + 10 * MIN),
        reason: 'the reply went out by phone at 08:10; the agent logged it late',
      });
      expectStatus(corrected, 201);
      await s.app.consequences.runOnce();
      assert.equal(await credit(), 0, 'the correction voided the credit line');

      const log = (await s.api('GET', `/api/v1/audit?object=ticket:${t.id}`)).body.entries;
      assert.deepEqual(
        log.map((e: any) => [e.action, e.actor.id]),
        [
          ['ticket.created', agent.id],
          ['ticket.event_added', agent.id],
          ['ticket.event_corrected', 'admin'],
        ],
      );
      assert.equal(log[2].reason, 'the reply went out by phone at 08:10; the agent logged it late');
      assert.equal(log[2].at, iso(T0 + 2 * HOUR));
      const lines = (await s.api('GET', '/api/v1/audit?object=credit_line')).body.entries;
      assert.deepEqual(
        lines.map((e: any) => [e.action, e.actor.id]),
        [
          ['credit_line.added', 'system'],
          ['credit_line.voided', 'admin'],
        ],
      );
      assert.match(lines[1].reason, /correction \d+ of ticket \d+/);
      const correction = (await s.api('GET', '/api/v1/audit?object=correction')).body.entries;
      assert.deepEqual(
        correction.map((e: any) => e.action),
        ['correction.recorded', 'correction.effects_recorded'],
      );
    });

    it('only an admin or an auditor reads the log; anyone may fetch the public key; any token reads the head', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const agent = await issueToken(s, 'agent');
      const customer = await issueToken(s, 'customer', 'acme');
      expectError(await s.api('GET', '/api/v1/audit', undefined, agent.token), 403, 'forbidden');
      expectError(await s.api('GET', '/api/v1/audit', undefined, customer.token), 403, 'forbidden');
      const auditor = await issueToken(s, 'auditor');
      const read = await s.api('GET', '/api/v1/audit', undefined, auditor.token);
      expectStatus(read, 200);
      assert.ok(read.body.entries.some((e: any) => e.action === 'token.issued'));
      expectError(await s.api('GET', '/api/v1/audit/head', undefined, null), 401, 'unauthorized');
      expectError(
        await s.api('GET', '/api/v1/audit?object=planet:1'),
        400,
        'invalid_input',
        'planet',
      );
      expectError(await s.api('GET', '/api/v1/audit?from=yesterday'), 400, 'invalid_input', 'from');
      const key = await s.api('GET', '/api/v1/audit/key', undefined, null);
      expectStatus(key, 200);
      assert.equal(key.body.algorithm, 'Ed25519');
      assert.match(key.body.publicKey, /^-----BEGIN PUBLIC KEY-----\n/);
      assert.deepEqual(
        key.body.keys.map((k: any) => k.keyId),
        [key.body.keyId],
      );
      const head = await s.api('GET', '/api/v1/audit/head', undefined, customer.token);
      expectStatus(head, 200);
      const all = (await s.api('GET', '/api/v1/audit')).body.entries;
      assert.equal(head.body.seq, all.at(-1).seq);
      assert.equal(head.body.hash, all.at(-1).hash);
      const page = await s.api('GET', `/api/v1/audit?limit=2&after=${all[0].seq}`);
      assert.deepEqual(
        page.body.entries.map((e: any) => e.seq),
        [all[1].seq, all[2].seq],
      );
      assert.equal(page.body.next, String(all[2].seq));
    });

    it("October's report is a witness a month later, and stops verifying when an October event is edited", async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const t = await openTicket(s);
      s.time.set(T0 + 5 * MIN);
      await record(s, t.id, 'acknowledged');
      s.time.set(Date.parse('2026-11-02T00:00:00Z'));
      const report = await s.api('GET', '/api/v1/reports/monthly?date=2026-10&format=json');
      expectStatus(report, 200);
      const proof = JSON.parse(report.body === undefined ? '{}' : JSON.stringify(report.body))
        .header.audit;
      assert.ok(proof.signature, 'the head is signed at generation');
      assert.ok(
        verify(
          null,
          Buffer.from(`surety-audit-head:${proof.seq}:${proof.hash}`),
          proof.publicKey,
          Buffer.from(proof.signature, 'base64'),
        ),
        'anyone can check the signature with the public key',
      );

      for (let i = 0; i < 5; i++) {
        s.time.set(Date.parse('2026-11-03T00:00:00Z') + i * DAY);
        const n = await openTicket(s, { subject: `November ${i}` });
        await record(s, n.id, 'acknowledged');
      }
      const common = [
        '--data-dir',
        s.location.dataDir,
        ...(s.location.url ? ['--db', s.location.url] : []),
      ];
      const head = `${proof.seq}:${proof.hash}`;
      const ok = await surety(['audit', 'verify', '--head', head, ...common]);
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(ok.stdout, new RegExp(`; the quoted head ${proof.seq} holds\\n$`));

      await behindTheBack(
        s.location,
        'update ticket_events set at = at - 60000 where ticket_id = $1',
        [t.id],
      );
      const edited = await surety(['audit', 'verify', '--head', head, ...common]);
      assert.equal(edited.code, EXIT.failed);
      assert.match(
        edited.stderr,
        new RegExp(`^ticket ${t.id} does not match its last audit entry`, 'm'),
      );
      const bad = await surety(['audit', 'verify', '--head', '12:nothex', ...common]);
      assert.equal(bad.code, EXIT_CODES_INVALID);
      assert.match(bad.stderr, /--head: "12:nothex" is not a head; give SEQ:HASH/);
    });

    it('the daily check raises audit.broken, critical, when the database was changed behind Surety', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const t = await openTicket(s);
      await behindTheBack(
        s.location,
        "update tickets set subject = 'nothing to see' where id = $1",
        [t.id],
      );
      const r = await s.app.audit.runOnce();
      assert.ok(r.checkpoint, 'the hourly checkpoint signed the head');
      assert.equal(r.verification?.ok, false);
      const signals = (await s.api('GET', '/api/v1/signals?type=audit.broken')).body.signals;
      assert.equal(signals.length, 1);
      assert.equal(signals[0].data.severity, 'critical');
      assert.match(signals[0].data.problems[0], new RegExp(`^ticket ${t.id} does not match`));
      const again = await s.app.audit.runOnce();
      assert.equal(again.verification, undefined, 'checked once a day, whoever asks');
    });
  });
}

const EXIT_CODES_INVALID = 10;
