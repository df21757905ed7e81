import { Type, type Static } from 'typebox';
import { oneOf, strictObject } from '../../validation/schema-kit.js';
import { DNS_RECORD_TYPES, HTTP_METHODS } from './monitor.js';

/**
 * Monitor definitions as people write them, in the policy file or over the API. The schemas
 * check structure; compile-monitor.ts checks meaning (durations, URLs, JSON paths) and fills
 * defaults. Defaults are written in the descriptions because they show up in the OpenAPI doc.
 */

const Id = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$',
  description: 'letters, digits, "-", "_" or "." (like api-health)',
});
const Duration = (description: string) => Type.String({ minLength: 1, description });

const common = {
  id: Id,
  name: Type.String({ minLength: 1, description: 'what people see in alerts and reports' }),
  service: Id,
  customer: Type.Optional(Id),
  interval: Type.Optional(Duration('how often to check, like 30s (the default); at least 1s')),
  timeout: Type.Optional(
    Duration('how long one check may take, like 10s (the default); at most the interval'),
  ),
  failuresBeforeDown: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 100,
      description: 'consecutive failed checks before the service counts as down (2 by default)',
    }),
  ),
};

/** Just the shared fields, open to the rest: checked when the type itself is unknown. */
export const MonitorCommonSchema = Type.Object({ ...common, type: Type.String() });

/** Header names are checked in compile-http-monitor.ts: a Record's key pattern would let bad ones pass silently. */
const HeaderName = Type.String();
const HeaderValue = Type.String({
  pattern: '^[^\\r\\n\\u0000]*$',
  description: 'a header value on one line',
});
const StatusItem = Type.Union([Type.Integer(), Type.String()]);

export const HttpMonitorSchema = strictObject({
  type: Type.Literal('http'),
  ...common,
  url: Type.String({ minLength: 1, description: 'an http:// or https:// URL' }),
  method: Type.Optional(oneOf(HTTP_METHODS, { description: 'GET by default' })),
  headers: Type.Optional(Type.Record(HeaderName, HeaderValue)),
  body: Type.Optional(Type.String()),
  expectStatus: Type.Optional(
    Type.Union([Type.Integer(), Type.String(), Type.Array(StatusItem, { minItems: 1 })], {
      description:
        'a status, a class like "2xx" (the default), a range like "200-204", or a list of them',
    }),
  ),
  keyword: Type.Optional(Type.String({ minLength: 1, description: 'text the body must contain' })),
  notKeyword: Type.Optional(
    Type.String({ minLength: 1, description: 'text the body must not contain' }),
  ),
  json: Type.Optional(
    strictObject({
      path: Type.String({
        minLength: 1,
        description: 'a JSON path like $.status or $.checks[0].ok',
      }),
      equals: Type.Optional(
        Type.Unknown({
          description: 'the value expected there; without it the path only has to exist',
        }),
      ),
    }),
  ),
  maxLatency: Type.Optional(Duration('slower answers count as failures (too_slow), like 2s')),
  followRedirects: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 20,
      description: 'how many redirects to follow (5 by default; 0 judges the redirect itself)',
    }),
  ),
  tlsExpiryWarning: Type.Optional(
    Duration('warn when the certificate expires within this, like 14d (the default)'),
  ),
  ignoreTls: Type.Optional(
    Type.Boolean({ description: 'accept untrusted certificates (false by default)' }),
  ),
});

export const TcpMonitorSchema = strictObject({
  type: Type.Literal('tcp'),
  ...common,
  host: Type.String({ minLength: 1, description: 'a host name or IP address' }),
  port: Type.Integer({ minimum: 1, maximum: 65535 }),
});

export const DnsMonitorSchema = strictObject({
  type: Type.Literal('dns'),
  ...common,
  domain: Type.String({ minLength: 1, description: 'the name to query, like example.com' }),
  recordType: Type.Optional(oneOf(DNS_RECORD_TYPES, { description: 'A by default' })),
  expected: Type.Optional(
    Type.Array(Type.String({ minLength: 1 }), {
      minItems: 1,
      description: 'values that must all be in the answer; without it any answer will do',
    }),
  ),
  server: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'the resolver to ask, "ip" or "ip:port" ("[::1]:53" for IPv6); the system resolvers by default',
    }),
  ),
});

export const HeartbeatMonitorSchema = strictObject({
  type: Type.Literal('heartbeat'),
  ...common,
  period: Duration('how often the job promises to report in, like 1h or 1d'),
  grace: Type.Optional(
    Duration('extra time before silence counts as down, like 5m (1m by default)'),
  ),
});

export const MONITOR_SCHEMAS = {
  http: HttpMonitorSchema,
  tcp: TcpMonitorSchema,
  dns: DnsMonitorSchema,
  heartbeat: HeartbeatMonitorSchema,
} as const;

export const MonitorDefinitionSchema = Type.Union(
  [HttpMonitorSchema, TcpMonitorSchema, DnsMonitorSchema, HeartbeatMonitorSchema],
  {
    description: 'a monitor; its fields depend on its type: http, tcp, dns or heartbeat',
  },
);

export type MonitorDefinition = Static<typeof MonitorDefinitionSchema>;
export type HttpMonitorDefinition = Static<typeof HttpMonitorSchema>;
export type TcpMonitorDefinition = Static<typeof TcpMonitorSchema>;
export type DnsMonitorDefinition = Static<typeof DnsMonitorSchema>;
export type HeartbeatMonitorDefinition = Static<typeof HeartbeatMonitorSchema>;
