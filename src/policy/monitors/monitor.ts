import type { Millis } from '../../domain/duration.js';
import type { JsonPath } from './json-path.js';
import type { StatusRange } from './expect-status.js';

/**
 * A monitor after compileMonitor: durations in milliseconds, patterns parsed, defaults filled.
 * Checkers only ever see this form, so a check never parses or validates anything.
 */

export const MONITOR_TYPES = ['http', 'tcp', 'dns', 'heartbeat'] as const;
export type MonitorType = (typeof MONITOR_TYPES)[number];

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS'] as const;
export type DnsRecordType = (typeof DNS_RECORD_TYPES)[number];

interface MonitorBase {
  readonly id: string;
  readonly name: string;
  /** The service whose availability this monitor measures. */
  readonly service: string;
  /** The customer contract it counts for; absent when it counts for every customer of the service. */
  readonly customer?: string;
  readonly intervalMs: Millis;
  readonly timeoutMs: Millis;
  /** Consecutive failed checks before the service counts as down (one blip is not an outage). */
  readonly failuresBeforeDown: number;
}

export interface JsonAssertion {
  readonly path: JsonPath;
  /** The path as written, for messages. */
  readonly source: string;
  /** When absent, the path only has to exist. */
  readonly equals?: { readonly value: unknown };
}

export interface HttpMonitor extends MonitorBase {
  readonly type: 'http';
  readonly url: string;
  readonly method: HttpMethod;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly expectStatus: readonly StatusRange[];
  readonly keyword?: string;
  readonly notKeyword?: string;
  readonly json?: JsonAssertion;
  readonly maxLatencyMs?: Millis;
  /** How many redirects to follow; 0 evaluates the first answer as it is. */
  readonly followRedirects: number;
  readonly tlsExpiryWarningMs: Millis;
  readonly ignoreTls: boolean;
}

export interface TcpMonitor extends MonitorBase {
  readonly type: 'tcp';
  readonly host: string;
  readonly port: number;
}

export interface DnsMonitor extends MonitorBase {
  readonly type: 'dns';
  /** The name queried (called `domain` because `name` is every monitor's display name). */
  readonly domain: string;
  readonly recordType: DnsRecordType;
  /** Values that must all be in the answer; empty means any answer will do. */
  readonly expected: readonly string[];
  /** "ip" or "ip:port" ("[v6]:port"); absent means the system's resolvers. */
  readonly server?: string;
}

export interface HeartbeatMonitor extends MonitorBase {
  readonly type: 'heartbeat';
  /** How often the job promises to report in. */
  readonly periodMs: Millis;
  /** Extra time allowed after a period before the job counts as silent. */
  readonly graceMs: Millis;
}

export type Monitor = HttpMonitor | TcpMonitor | DnsMonitor | HeartbeatMonitor;
export type MonitorOfType<T extends MonitorType> = Extract<Monitor, { type: T }>;
