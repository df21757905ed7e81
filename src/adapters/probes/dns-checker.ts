import { Resolver } from 'node:dns/promises';
import { formatDuration } from '../../domain/duration.js';
import { failed, passed, type CheckResult } from '../../sources/probes/check-result.js';
import type { Checker } from '../../sources/probes/checker.js';
import { parseDnsServer } from '../../policy/monitors/dns-server.js';
import { raceSignal, startDeadline } from '../../sources/probes/deadline.js';
import type { DnsMonitor, DnsRecordType } from '../../policy/monitors/monitor.js';

/**
 * DNS checks through c-ares (node:dns Resolver), never the OS resolver: getaddrinfo runs on
 * libuv's 4-thread pool, where one slow server would stall every other check. A fresh Resolver
 * per check, because cancel() (on timeout or abort) cancels every query of a resolver; DNS
 * monitors are few, so its setup cost does not matter. Any failure to get an answer, including
 * a silent server, is cause `dns`: for a DNS monitor that *is* the outage, whatever the layer.
 */
export function createDnsChecker(options: { localAddress?: string } = {}): Checker<DnsMonitor> {
  async function checkDns(m: DnsMonitor, now: number, signal: AbortSignal): Promise<CheckResult> {
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    const subject = `DNS ${m.recordType} ${m.domain} via ${m.server ?? 'the system resolver'}`;
    const deadline = startDeadline(signal, m.timeoutMs);
    const resolver = new Resolver({ timeout: m.timeoutMs, tries: 1 });
    if (options.localAddress) resolver.setLocalAddress(options.localAddress);
    try {
      const server = m.server ? parseDnsServer(m.server) : undefined;
      if (m.server && !server)
        return failed(
          now,
          elapsed(),
          'error',
          `${subject}: ${JSON.stringify(m.server)} is not "ip" or "ip:port"`,
        );
      if (server)
        resolver.setServers([
          server.address.includes(':')
            ? `[${server.address}]:${server.port}`
            : `${server.address}:${server.port}`,
        ]);
      const silent = { code: 'ETIMEOUT' };
      const answer = await raceSignal(
        query(resolver, m.domain, m.recordType),
        deadline.signal,
        () => {
          resolver.cancel();
          return silent;
        },
      );
      if (answer === silent || (typeof answer === 'object' && 'code' in answer)) {
        if (deadline.reason === 'aborted')
          return failed(now, elapsed(), 'aborted', `${subject}: the check was cancelled`);
        const code = answer.code;
        return failed(now, elapsed(), 'dns', `${subject}: ${explain(code, m)}`, { code });
      }
      const resolved = answer;
      const missing = m.expected.filter((e) => !resolved.some((r) => same(r, e, m.recordType)));
      if (missing.length > 0) {
        return failed(
          now,
          elapsed(),
          'answer',
          `${subject} answered ${list(resolved)}, expected ${list(m.expected)} (missing ${list(missing)})`,
          { resolved },
        );
      }
      return passed(now, elapsed(), { resolved });
    } finally {
      deadline.dispose();
      resolver.cancel();
    }
  }

  return { type: 'dns', check: checkDns, close: async () => undefined };
}

/** The answers as strings, or the error code; never rejects. */
async function query(
  resolver: Resolver,
  domain: string,
  type: DnsRecordType,
): Promise<string[] | { code: string }> {
  try {
    switch (type) {
      case 'A':
        return await resolver.resolve4(domain);
      case 'AAAA':
        return await resolver.resolve6(domain);
      case 'CNAME':
        return await resolver.resolveCname(domain);
      case 'NS':
        return await resolver.resolveNs(domain);
      case 'MX':
        return (await resolver.resolveMx(domain)).map((r) => `${r.priority} ${r.exchange}`);
      case 'TXT':
        return (await resolver.resolveTxt(domain)).map((chunks) => chunks.join(''));
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return { code: typeof code === 'string' ? code : 'EUNKNOWN' };
  }
}

/** Names compare without case or trailing dot; an MX expectation may leave out the priority. */
function same(answer: string, expected: string, type: DnsRecordType): boolean {
  if (type === 'TXT') return answer === expected;
  const norm = (s: string) => s.trim().toLowerCase().replace(/\.$/, '');
  if (type === 'MX' && !/^\d+\s/.test(expected))
    return norm(answer.replace(/^\d+\s+/, '')) === norm(expected);
  return norm(answer) === norm(expected.replace(/\s+/g, ' '));
}

function explain(code: string, m: DnsMonitor): string {
  switch (code) {
    case 'ETIMEOUT':
      return `the DNS server did not answer within ${formatDuration(m.timeoutMs)}`;
    case 'ENOTFOUND':
      return 'the name does not exist (NXDOMAIN)';
    case 'ENODATA':
      return `the name has no ${m.recordType} records`;
    case 'ESERVFAIL':
      return 'the DNS server failed to answer (SERVFAIL)';
    case 'EREFUSED':
      return 'the DNS server refused the query (REFUSED)';
    case 'ECONNREFUSED':
      return 'nothing answers DNS at that address (connection refused)';
    default:
      return `the query failed (${code})`;
  }
}

function list(values: readonly string[]): string {
  return values.length === 0 ? 'nothing' : values.map((v) => JSON.stringify(v)).join(', ');
}
