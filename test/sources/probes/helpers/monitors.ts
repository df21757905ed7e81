import { requireMonitor } from '../../../../src/policy/monitors/compile-monitor.js';
import type {
  DnsMonitor,
  HeartbeatMonitor,
  HttpMonitor,
  TcpMonitor,
} from '../../../../src/policy/monitors/monitor.js';

/** Monitors for the checker tests, built the way production builds them: from a definition. */

const common = { name: 'test monitor', service: 'api', interval: '30s', timeout: '2s' };

export const httpMonitor = (url: string, extra: Record<string, unknown> = {}) =>
  requireMonitor({ type: 'http', id: 'web', ...common, url, ...extra }) as HttpMonitor;

export const tcpMonitor = (port: number, extra: Record<string, unknown> = {}) =>
  requireMonitor({
    type: 'tcp',
    id: 'port',
    ...common,
    host: '127.0.0.1',
    port,
    ...extra,
  }) as TcpMonitor;

export const dnsMonitor = (server: string, domain: string, extra: Record<string, unknown> = {}) =>
  requireMonitor({ type: 'dns', id: 'dns', ...common, server, domain, ...extra }) as DnsMonitor;

export const heartbeatMonitor = (id: string, extra: Record<string, unknown> = {}) =>
  requireMonitor({
    type: 'heartbeat',
    id,
    ...common,
    name: 'nightly backup',
    period: '1h',
    grace: '5m',
    ...extra,
  }) as HeartbeatMonitor;
