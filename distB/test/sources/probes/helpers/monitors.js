import { requireMonitor } from '../../../../src/sources/probes/compile-monitor.js';
/** Monitors for the checker tests, built the way production builds them: from a definition. */
const common = { name: 'test monitor', service: 'api', interval: '30s', timeout: '2s' };
export const httpMonitor = (url, extra = {}) => requireMonitor({ type: 'http', id: 'web', ...common, url, ...extra });
export const tcpMonitor = (port, extra = {}) => requireMonitor({ type: 'tcp', id: 'port', ...common, host: '127.0.0.1', port, ...extra });
export const dnsMonitor = (server, domain, extra = {}) => requireMonitor({ type: 'dns', id: 'dns', ...common, server, domain, ...extra });
export const heartbeatMonitor = (id, extra = {}) => requireMonitor({ type: 'heartbeat', id, ...common, name: 'nightly backup', period: '1h', grace: '5m', ...extra });
//# sourceMappingURL=monitors.js.map