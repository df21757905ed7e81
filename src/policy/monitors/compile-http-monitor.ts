import { DAY } from '../../domain/duration.js';
import { describe } from '../../validation/explain.js';
import type { DefinitionProblems } from './definition-problems.js';
import { DEFAULT_EXPECT_STATUS, parseStatusItem, type StatusRange } from './expect-status.js';
import { parseJsonPath } from './json-path.js';
import { HTTP_METHODS, type HttpMethod, type HttpMonitor, type JsonAssertion } from './monitor.js';

/** The meaning checks and defaults of an http monitor's own fields (see compile-monitor.ts). */

/** Headers the checker owns: framing and connection reuse must not be overridden per monitor. */
const RESERVED_HEADERS = new Set([
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
]);

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export const HTTP_DEFAULTS = { followRedirects: 5, tlsExpiryWarning: 14 * DAY } as const;

type HttpFields = Omit<
  HttpMonitor,
  | 'type'
  | 'id'
  | 'name'
  | 'service'
  | 'customer'
  | 'intervalMs'
  | 'timeoutMs'
  | 'failuresBeforeDown'
>;

export function compileHttpFields(def: Record<string, unknown>, p: DefinitionProblems): HttpFields {
  const url = p.string('url') ?? '';
  if (p.string('url') !== undefined) checkUrl(url, p);

  const method = (HTTP_METHODS as readonly string[]).includes(String(def.method))
    ? (def.method as HttpMethod)
    : 'GET';
  const headers: Record<string, string> = {};
  if (def.headers && typeof def.headers === 'object' && !Array.isArray(def.headers)) {
    for (const [name, value] of Object.entries(def.headers as Record<string, unknown>)) {
      if (!HEADER_NAME.test(name))
        p.add(
          p.path('headers', name),
          `${describe(name)} is not an HTTP header name (letters, digits and -, no spaces)`,
        );
      else if (RESERVED_HEADERS.has(name.toLowerCase()))
        p.add(
          p.path('headers', name),
          `"${name}" is set by the checker itself and cannot be overridden`,
        );
      else if (typeof value === 'string') headers[name.toLowerCase()] = value;
    }
  }
  const body = p.string('body');
  const keyword = p.string('keyword');
  const notKeyword = p.string('notKeyword');
  if (keyword !== undefined && keyword === notKeyword)
    p.add(p.path('notKeyword'), 'is the same as keyword, so the check could never pass');

  const json = compileJson(def.json, p);
  if (method === 'HEAD') {
    for (const key of ['body', 'keyword', 'notKeyword', 'json'] as const) {
      if (def[key] !== undefined)
        p.add(p.path(key), 'cannot be used with method HEAD, which has no body');
    }
  }

  const maxLatencyMs =
    def.maxLatency === undefined ? undefined : p.duration('maxLatency', 0, 1, '1ms');
  return {
    url,
    method,
    headers,
    ...(body !== undefined ? { body } : {}),
    expectStatus: compileExpectStatus(def.expectStatus, p),
    ...(keyword !== undefined ? { keyword } : {}),
    ...(notKeyword !== undefined ? { notKeyword } : {}),
    ...(json ? { json } : {}),
    ...(maxLatencyMs !== undefined ? { maxLatencyMs } : {}),
    followRedirects: p.integer('followRedirects', HTTP_DEFAULTS.followRedirects),
    tlsExpiryWarningMs: p.duration('tlsExpiryWarning', HTTP_DEFAULTS.tlsExpiryWarning, 0, '0s'),
    ignoreTls: p.boolean('ignoreTls', false),
  };
}

function checkUrl(url: string, p: DefinitionProblems): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    p.add(p.path('url'), `${describe(url)} is not a URL; write it like https://example.com/health`);
    return;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    p.add(p.path('url'), `must be an http:// or https:// URL (got ${parsed.protocol}//)`);
  } else if (parsed.username || parsed.password) {
    // Check messages quote the URL; credentials there would end up in alerts and reports.
    p.add(
      p.path('url'),
      'must not contain credentials; send them in headers (Authorization) instead',
    );
  }
}

function compileExpectStatus(raw: unknown, p: DefinitionProblems): StatusRange[] {
  if (raw === undefined) return [...DEFAULT_EXPECT_STATUS];
  const items = Array.isArray(raw) ? raw : [raw];
  const ranges: StatusRange[] = [];
  items.forEach((item, i) => {
    if (typeof item !== 'number' && typeof item !== 'string') return; // the schema reported it
    const range = parseStatusItem(item);
    const where = Array.isArray(raw) ? p.path('expectStatus', String(i)) : p.path('expectStatus');
    if (range) ranges.push(range);
    else
      p.add(
        where,
        `${describe(item)} is not a status: write a number from 100 to 599, a class like "2xx" or a range like "200-204"`,
      );
  });
  return ranges;
}

function compileJson(raw: unknown, p: DefinitionProblems): JsonAssertion | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const { path, equals } = raw as { path?: unknown; equals?: unknown };
  if (typeof path !== 'string') return undefined;
  const parsed = parseJsonPath(path);
  if (!parsed.ok) {
    p.add(p.path('json', 'path'), `${describe(path)}: ${parsed.problem}`);
    return undefined;
  }
  return {
    path: parsed.path,
    source: path,
    ...('equals' in (raw as object) ? { equals: { value: equals } } : {}),
  };
}
