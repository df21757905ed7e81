import { ipFamily } from './ip-address.js';
import { SECOND } from '../../domain/duration.js';
import { invalidInput, type ErrorDetail } from '../../domain/errors.js';
import { compileSchema } from '../../validation/ajv.js';
import { describe, explainErrors } from '../../validation/explain.js';
import { compileHttpFields } from './compile-http-monitor.js';
import { DefinitionProblems } from './definition-problems.js';
import { parseDnsServer } from './dns-server.js';
import { MONITOR_SCHEMAS, MonitorCommonSchema } from './monitor-definition.js';
import {
  DNS_RECORD_TYPES,
  MONITOR_TYPES,
  type DnsRecordType,
  type Monitor,
  type MonitorType,
} from './monitor.js';

/**
 * Definition → Monitor: the schema for structure, then meaning, every problem with its path.
 * `at` prefixes the paths, so the policy loader can say /monitors/3/timeout.
 */

export type MonitorCompilation =
  { ok: true; monitor: Monitor } | { ok: false; problems: ErrorDetail[] };

export const MONITOR_DEFAULTS = {
  interval: 30 * SECOND,
  timeout: 10 * SECOND,
  failuresBeforeDown: 2,
  heartbeatGrace: 60 * SECOND,
} as const;

export function compileMonitor(definition: unknown, at = ''): MonitorCompilation {
  if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) {
    return {
      ok: false,
      problems: [
        { path: at, message: `a monitor must be an object (got ${describe(definition)})` },
      ],
    };
  }
  const def = definition as Record<string, unknown>;
  const type = isMonitorType(def.type) ? def.type : undefined;
  const p = new DefinitionProblems(def, at);

  // With an unknown type only the shared fields can be judged; with a known one, every field.
  const validate = compileSchema(type ? MONITOR_SCHEMAS[type] : MonitorCommonSchema);
  if (!validate(def))
    for (const e of explainErrors(validate.errors ?? [], def)) p.add(at + e.path, e.message);
  if (!type && typeof def.type === 'string') {
    p.add(
      p.path('type'),
      `must be one of ${MONITOR_TYPES.map((t) => `"${t}"`).join(', ')} (got ${describe(def.type)})`,
    );
  }

  const intervalMs = p.duration('interval', MONITOR_DEFAULTS.interval, SECOND, '1s');
  const timeoutMs = p.duration(
    'timeout',
    Math.min(MONITOR_DEFAULTS.timeout, intervalMs),
    10,
    '10ms',
  );
  if (timeoutMs > intervalMs && !p.has(p.path('interval')))
    p.add(
      p.path('timeout'),
      `must not be longer than the interval (${p.string('interval') ?? '30s'}): checks of one monitor never overlap`,
    );
  const base = {
    id: p.string('id') ?? '',
    name: p.string('name') ?? '',
    service: p.string('service') ?? '',
    ...(p.string('customer') ? { customer: p.string('customer')! } : {}),
    intervalMs,
    timeoutMs,
    failuresBeforeDown: p.integer('failuresBeforeDown', MONITOR_DEFAULTS.failuresBeforeDown),
  };

  let monitor: Monitor | undefined;
  switch (type) {
    case 'http':
      monitor = { ...base, type, ...compileHttpFields(def, p) };
      break;
    case 'tcp':
      monitor = { ...base, type, host: p.string('host') ?? '', port: p.integer('port', 0) };
      break;
    case 'dns':
      monitor = { ...base, type, ...compileDnsFields(def, p) };
      break;
    case 'heartbeat':
      monitor = {
        ...base,
        type,
        periodMs: p.duration('period', 0, SECOND, '1s'),
        graceMs: p.duration('grace', MONITOR_DEFAULTS.heartbeatGrace, 0, '0s'),
      };
      break;
  }
  return monitor && p.list.length === 0 ? { ok: true, monitor } : { ok: false, problems: p.list };
}

/** For services: the monitor, or an invalid_input error listing every problem. */
export function requireMonitor(definition: unknown, at = ''): Monitor {
  const result = compileMonitor(definition, at);
  if (result.ok) return result.monitor;
  const summary = result.problems
    .map((d) => `${d.path ? `${d.path.slice(1).replace(/\//g, '.')}: ` : ''}${d.message}`)
    .join('; ');
  throw invalidInput(`invalid monitor: ${summary}`, result.problems);
}

function isMonitorType(v: unknown): v is MonitorType {
  return typeof v === 'string' && (MONITOR_TYPES as readonly string[]).includes(v);
}

const LABEL = /^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)$/;

function compileDnsFields(def: Record<string, unknown>, p: DefinitionProblems) {
  const domain = (p.string('domain') ?? '').replace(/\.$/, '');
  if (
    p.string('domain') !== undefined &&
    (domain.length > 253 || !domain.split('.').every((l) => LABEL.test(l)))
  ) {
    p.add(p.path('domain'), `${describe(p.string('domain'))} is not a domain name`);
  }
  const recordType = (DNS_RECORD_TYPES as readonly string[]).includes(String(def.recordType))
    ? (def.recordType as DnsRecordType)
    : 'A';
  const expected = Array.isArray(def.expected)
    ? def.expected.filter((e): e is string => typeof e === 'string')
    : [];
  if (recordType === 'A' || recordType === 'AAAA') {
    const family = recordType === 'A' ? 4 : 6;
    expected.forEach((e, i) => {
      if (ipFamily(e) !== family)
        p.add(
          p.path('expected', String(i)),
          `${describe(e)} is not an IPv${family} address, so an ${recordType} answer can never match it`,
        );
    });
  }
  const server = p.string('server');
  if (server !== undefined && !parseDnsServer(server)) {
    p.add(p.path('server'), `${describe(server)} is not "ip" or "ip:port" (IPv6 as "[::1]:53")`);
  }
  return { domain, recordType, expected, ...(server !== undefined ? { server } : {}) };
}
