import { isDeepStrictEqual } from 'node:util';
import { formatDuration } from '../../domain/duration.js';
import type { FailureCause } from '../../sources/probes/check-result.js';
import { describeStatuses, statusMatches } from '../../policy/monitors/expect-status.js';
import { readJsonPath } from '../../policy/monitors/json-path.js';
import type { HttpMonitor } from '../../policy/monitors/monitor.js';
import type { ExchangeResponse } from './http-exchange.js';

/**
 * Judges the final answer of an http check against the monitor's expectations, in the order a
 * person would look: status, then body, then speed. The first failure wins; pure and sync.
 */

export interface Verdict {
  readonly cause: FailureCause;
  /** Completes "GET https://x/health …". */
  readonly phrase: string;
}

export function needsBody(m: HttpMonitor): boolean {
  return m.keyword !== undefined || m.notKeyword !== undefined || m.json !== undefined;
}

export function judgeAnswer(
  m: HttpMonitor,
  res: ExchangeResponse,
  latencyMs: number,
  maxBodyBytes: number,
): Verdict | undefined {
  if (!statusMatches(res.status, m.expectStatus)) {
    return {
      cause: 'status',
      phrase: `answered ${res.status}, expected ${describeStatuses(m.expectStatus)}`,
    };
  }
  if (needsBody(m)) {
    if (res.bodyTooLarge) {
      return {
        cause: 'body_too_large',
        phrase: `answered ${res.status} with a body over ${formatBytes(maxBodyBytes)}; reading stopped there, so its content could not be checked`,
      };
    }
    const text = res.body?.toString('utf8') ?? '';
    if (m.keyword !== undefined && !text.includes(m.keyword)) {
      return {
        cause: 'keyword',
        phrase: `answered ${res.status} but the body does not contain ${quote(m.keyword)}`,
      };
    }
    if (m.notKeyword !== undefined && text.includes(m.notKeyword)) {
      return {
        cause: 'keyword',
        phrase: `answered ${res.status} but the body contains ${quote(m.notKeyword)}`,
      };
    }
    if (m.json) {
      const verdict = judgeJson(m.json, text, res.status);
      if (verdict) return verdict;
    }
  }
  if (m.maxLatencyMs !== undefined && latencyMs > m.maxLatencyMs) {
    return {
      cause: 'too_slow',
      phrase: `answered ${res.status} in ${formatDuration(latencyMs)}, over its ${formatDuration(m.maxLatencyMs)} limit`,
    };
  }
  return undefined;
}

function judgeJson(
  json: NonNullable<HttpMonitor['json']>,
  text: string,
  status: number,
): Verdict | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return {
      cause: 'json',
      phrase: `answered ${status} but the body is not JSON (it starts ${quote(text.slice(0, 40))})`,
    };
  }
  const hit = readJsonPath(doc, json.path);
  if (!hit.found)
    return {
      cause: 'json',
      phrase: `answered ${status} but the JSON has no ${hit.missing} (looking for ${json.source})`,
    };
  if (json.equals && !isDeepStrictEqual(hit.value, json.equals.value)) {
    return {
      cause: 'json',
      phrase: `answered ${status} but ${json.source} is ${show(hit.value)}, expected ${show(json.equals.value)}`,
    };
  }
  return undefined;
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

function formatBytes(n: number): string {
  if (n >= 1 << 20 && n % (1 << 20) === 0) return `${n / (1 << 20)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}
