import { formatDuration } from '../../domain/duration.js';
import {
  failed,
  passed,
  type CheckDetails,
  type CheckResult,
  type CheckWarning,
} from '../../sources/probes/check-result.js';
import type { Checker } from '../../sources/probes/checker.js';
import { startDeadline } from '../../sources/probes/deadline.js';
import type { HttpMonitor } from '../../policy/monitors/monitor.js';
import { classifySocketError } from './socket-errors.js';
import { judgeAnswer, needsBody } from './http-assertions.js';
import {
  createHttpAgents,
  exchange,
  type ExchangeProgress,
  type HttpAgents,
} from './http-exchange.js';

/**
 * HTTP(S) checks: follows redirects by hand (to count them and name a loop), judges the final
 * answer, and warns about the soonest-expiring certificate seen on the way.
 */

export interface HttpCheckerOptions {
  /** Shared connection pools; by default the checker makes its own and closes them in close(). */
  readonly agents?: HttpAgents;
  /** The most body read per answer: enough for any health page, bounded against endless streams. */
  readonly maxBodyBytes?: number;
  readonly userAgent?: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const WAITING_FOR = {
  connect: 'connecting',
  headers: 'waiting for the response headers',
  body: 'reading the body',
} as const;

export function createHttpChecker(options: HttpCheckerOptions = {}): Checker<HttpMonitor> {
  const agents = options.agents ?? createHttpAgents();
  const maxBodyBytes = options.maxBodyBytes ?? 1 << 20;
  const userAgent = options.userAgent ?? 'Surety-Monitor/1';

  async function checkHttp(m: HttpMonitor, now: number, signal: AbortSignal): Promise<CheckResult> {
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    let url: URL;
    try {
      url = new URL(m.url); // compileMonitor checked it; a hand-built monitor still gets a result, not a rejection
    } catch {
      return failed(now, 0, 'error', `${JSON.stringify(m.url)} is not a URL`);
    }
    const deadline = startDeadline(signal, m.timeoutMs);
    const progress: ExchangeProgress = { phase: 'connect' };
    const details: CheckDetails = {};
    const visited: string[] = [];
    let method: string = m.method;
    let body = m.body;
    // Identity encoding: keyword and JSON checks read the raw body, and we never decompress.
    const headers: Record<string, string> = {
      'user-agent': userAgent,
      'accept-encoding': 'identity',
    };
    for (const [name, value] of Object.entries(m.headers)) headers[name.toLowerCase()] = value; // one spelling, so the redirect rules below find them
    let subject = `${m.method} ${m.url}`;
    let certificateHost = url.host;
    try {
      for (;;) {
        visited.push(url.href);
        const res = await exchange(
          agents,
          {
            url,
            method,
            headers,
            ...(body !== undefined ? { body } : {}),
            keepBody: needsBody(m),
            maxBodyBytes,
            rejectUnauthorized: !m.ignoreTls,
          },
          deadline.signal,
          progress,
        );
        details.status = res.status;
        details.reusedConnection = res.reusedConnection;
        if (
          res.certificateExpiresAt !== undefined &&
          (details.certificateExpiresAt === undefined ||
            res.certificateExpiresAt < details.certificateExpiresAt)
        ) {
          details.certificateExpiresAt = res.certificateExpiresAt;
          certificateHost = url.host;
        }
        if (visited.length > 1) details.redirects = [...visited];

        if (!(REDIRECTS.has(res.status) && res.location !== undefined && m.followRedirects > 0)) {
          const verdict = judgeAnswer(m, res, elapsed(), maxBodyBytes);
          if (verdict)
            return failed(now, elapsed(), verdict.cause, `${subject} ${verdict.phrase}`, details);
          return passed(
            now,
            elapsed(),
            details,
            certificateWarning(m, certificateHost, details.certificateExpiresAt, now),
          );
        }

        let next: URL;
        try {
          next = new URL(res.location, url);
        } catch {
          return failed(
            now,
            elapsed(),
            'redirects',
            `${subject} redirected to ${JSON.stringify(res.location)}, which is not a URL`,
            details,
          );
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          return failed(
            now,
            elapsed(),
            'redirects',
            `${subject} redirected to ${next.protocol}// (only http and https can be followed)`,
            details,
          );
        }
        const seen = visited.indexOf(next.href);
        if (seen >= 0) {
          return failed(
            now,
            elapsed(),
            'redirects',
            `${m.method} ${m.url} is in a redirect loop: ${[...visited.slice(seen), next.href].join(' → ')}`,
            { ...details, redirects: [...visited, next.href] },
          );
        }
        if (visited.length > m.followRedirects) {
          return failed(
            now,
            elapsed(),
            'redirects',
            `${m.method} ${m.url} redirected more than ${m.followRedirects} times (last to ${next.href})`,
            { ...details, redirects: [...visited, next.href] },
          );
        }
        // Browsers' rules: 303 always, and 301/302 after a POST, continue as a body-less GET.
        if (
          res.status === 303 ||
          ((res.status === 301 || res.status === 302) && method === 'POST')
        ) {
          if (method !== 'HEAD') method = 'GET';
          body = undefined;
        }
        // Credentials are for the origin they were written for, never for where it sends us.
        if (next.origin !== url.origin) {
          delete headers.authorization;
          delete headers.cookie;
        }
        url = next;
        subject = `${method} ${url.href}`;
      }
    } catch (error) {
      if (deadline.reason === 'timeout') {
        return failed(
          now,
          elapsed(),
          'timeout',
          `${subject} did not answer within ${formatDuration(m.timeoutMs)} (${WAITING_FOR[progress.phase]})`,
          details,
        );
      }
      if (deadline.reason === 'aborted')
        return failed(now, elapsed(), 'aborted', `${subject}: the check was cancelled`, details);
      const c = classifySocketError(error);
      return failed(now, elapsed(), c.cause, `${subject}: ${url.host} ${c.phrase}`, {
        ...details,
        ...(c.code ? { code: c.code } : {}),
      });
    } finally {
      deadline.dispose();
    }
  }

  return {
    type: 'http',
    check: checkHttp,
    async close() {
      if (options.agents) return; // shared pools belong to whoever made them
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

function certificateWarning(
  m: HttpMonitor,
  host: string,
  expiresAt: number | undefined,
  now: number,
): CheckWarning | undefined {
  if (expiresAt === undefined || expiresAt - now > m.tlsExpiryWarningMs) return undefined;
  const when = new Date(expiresAt).toISOString();
  const message =
    expiresAt <= now
      ? `the TLS certificate of ${host} expired ${formatDuration(now - expiresAt)} ago (${when}); it is only accepted because the monitor ignores TLS errors`
      : `the TLS certificate of ${host} expires in ${formatDuration(expiresAt - now)} (${when}), within the ${formatDuration(m.tlsExpiryWarningMs)} warning window`;
  return { code: 'certificate_expiring', message };
}
