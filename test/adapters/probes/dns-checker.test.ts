import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDnsChecker } from '../../../src/adapters/probes/dns-checker.js';
import { runCheckerContract } from '../../sources/probes/checker.contract.js';
import {
  startDnsBlackHole,
  startDnsResponder,
  type DnsTarget,
  type ZoneEntry,
} from '../../sources/probes/helpers/dns-responder.js';
import { dnsMonitor } from '../../sources/probes/helpers/monitors.js';
import { closedPort } from '../../sources/probes/helpers/targets.js';

const ZONE: Record<string, ZoneEntry> = {
  'api.example.test': { A: ['10.0.0.1', '10.0.0.2'], AAAA: ['2001:db8::1'] },
  'example.test': {
    MX: [[10, 'mail.example.test']],
    TXT: ['v=spf1 -all', 'x'.repeat(300)],
    NS: ['ns1.example.test'],
  },
  'www.example.test': { CNAME: 'api.example.test' },
};

runCheckerContract({
  name: 'dns',
  silentCause: 'dns', // for a DNS monitor, a server that does not answer is the DNS failure
  async setup() {
    const dns = await startDnsResponder(ZONE);
    const hole = await startDnsBlackHole();
    return {
      checker: createDnsChecker(),
      good: () => dnsMonitor(dns.server, 'api.example.test', { expected: ['10.0.0.1'] }),
      bad: () => dnsMonitor(dns.server, 'missing.example.test'),
      silent: () => dnsMonitor(hole.server, 'api.example.test'),
      close: async () => {
        await dns.close();
        await hole.close();
      },
    };
  },
});

describe('dns checker against a DNS server on loopback', () => {
  const checker = createDnsChecker();
  let dns: DnsTarget;
  before(async () => {
    dns = await startDnsResponder(ZONE);
  });
  after(() => dns.close());
  const check = (m: ReturnType<typeof dnsMonitor>) =>
    checker.check(m, Date.now(), new AbortController().signal);

  test('A records: resolved and compared with the expected addresses', async () => {
    const r = await check(
      dnsMonitor(dns.server, 'api.example.test', { expected: ['10.0.0.2', '10.0.0.1'] }),
    );
    assert.equal(r.ok, true, r.message);
    assert.deepEqual(r.details?.resolved, ['10.0.0.1', '10.0.0.2']);
    const wrong = await check(
      dnsMonitor(dns.server, 'api.example.test', { expected: ['10.0.0.1', '10.9.9.9'] }),
    );
    assert.equal(wrong.cause, 'answer');
    assert.equal(
      wrong.message,
      `DNS A api.example.test via ${dns.server} answered "10.0.0.1", "10.0.0.2", expected "10.0.0.1", "10.9.9.9" (missing "10.9.9.9")`,
    );
  });

  test('TXT, MX, CNAME, NS and AAAA answers are normalised to strings', async () => {
    const txt = await check(
      dnsMonitor(dns.server, 'example.test', { recordType: 'TXT', expected: ['v=spf1 -all'] }),
    );
    assert.equal(txt.ok, true, txt.message);
    assert.ok(
      txt.details?.resolved?.includes('x'.repeat(300)),
      'a TXT record split in 255-byte strings is joined',
    );
    assert.equal(
      (
        await check(
          dnsMonitor(dns.server, 'example.test', {
            recordType: 'MX',
            expected: ['mail.example.test.'],
          }),
        )
      ).ok,
      true,
    );
    assert.equal(
      (
        await check(
          dnsMonitor(dns.server, 'example.test', {
            recordType: 'MX',
            expected: ['10 MAIL.example.test'],
          }),
        )
      ).ok,
      true,
    );
    assert.equal(
      (
        await check(
          dnsMonitor(dns.server, 'example.test', {
            recordType: 'MX',
            expected: ['20 mail.example.test'],
          }),
        )
      ).cause,
      'answer',
    );
    assert.equal(
      (
        await check(
          dnsMonitor(dns.server, 'www.example.test', {
            recordType: 'CNAME',
            expected: ['api.example.test'],
          }),
        )
      ).ok,
      true,
    );
    assert.equal(
      (
        await check(
          dnsMonitor(dns.server, 'example.test', {
            recordType: 'NS',
            expected: ['ns1.example.test'],
          }),
        )
      ).ok,
      true,
    );
    assert.equal(
      (
        await check(
          dnsMonitor(dns.server, 'api.example.test', {
            recordType: 'AAAA',
            expected: ['2001:db8::1'],
          }),
        )
      ).ok,
      true,
    );
  });

  test('a name that does not exist and a name without the record type are dns failures', async () => {
    const nx = await check(dnsMonitor(dns.server, 'missing.example.test'));
    assert.equal(nx.cause, 'dns');
    assert.equal(
      nx.message,
      `DNS A missing.example.test via ${dns.server}: the name does not exist (NXDOMAIN)`,
    );
    const nodata = await check(dnsMonitor(dns.server, 'www.example.test', { recordType: 'TXT' }));
    assert.equal(nodata.cause, 'dns');
    assert.match(nodata.message!, /has no TXT records/);
  });

  test('an unreachable DNS server is a dns failure saying it did not answer', async () => {
    const hole = await startDnsBlackHole();
    try {
      const r = await check(dnsMonitor(hole.server, 'api.example.test', { timeout: '200ms' }));
      assert.equal(r.cause, 'dns');
      assert.equal(
        r.message,
        `DNS A api.example.test via ${hole.server}: the DNS server did not answer within 200ms`,
      );
      assert.ok(hole.queries >= 1, 'the query was sent');
    } finally {
      await hole.close();
    }
    const port = await closedPort();
    const refused = await check(
      dnsMonitor(`127.0.0.1:${port}`, 'api.example.test', { timeout: '200ms' }),
    );
    assert.equal(refused.cause, 'dns', refused.message);
  });

  test('every check asks the server: no answer is served from a cache', async () => {
    const before = dns.queries;
    for (let i = 0; i < 3; i++) await check(dnsMonitor(dns.server, 'api.example.test'));
    assert.equal(dns.queries - before, 3);
  });
});
