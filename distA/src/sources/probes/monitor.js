/**
 * A monitor after compileMonitor: durations in milliseconds, patterns parsed, defaults filled.
 * Checkers only ever see this form, so a check never parses or validates anything.
 */
export const MONITOR_TYPES = ['http', 'tcp', 'dns', 'heartbeat'];
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS'];
//# sourceMappingURL=monitor.js.map