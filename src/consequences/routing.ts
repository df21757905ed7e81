import type { Route, Severity } from '../policy/notifications.js';
import { SEVERITIES } from '../policy/notifications.js';
import { serviceOf, type SignalEvent } from './event.js';

/** A signal's own severity: its data's, else what its type says (a breach is critical, a warning a warning). */
export function severityOf(s: SignalEvent): Severity {
  const given = s.data.severity;
  if (typeof given === 'string' && (SEVERITIES as readonly string[]).includes(given))
    return given as Severity;
  if (/\.(breached|down|fired|opened|failed)$/.test(s.type)) return 'critical';
  if (/\.(warning|anomaly|degraded)$/.test(s.type) || s.type.endsWith('anomaly')) return 'warning';
  if (/\.(recovered|resolved|closed|cleared|up)$/.test(s.type)) return 'info';
  return 'warning';
}

export function typeMatches(pattern: string, type: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}

export interface RouteFacts {
  readonly plan?: string | undefined;
}

/** The first route whose every given condition holds; routes are tried in the order written. */
export function matchRoute(
  routes: readonly Route[],
  s: SignalEvent,
  facts: RouteFacts = {},
): { route: Route; severity: Severity } | undefined {
  const own = severityOf(s);
  const service = serviceOf(s);
  for (const route of routes) {
    const m = route.match;
    if (m.types && !m.types.some((p) => typeMatches(p, s.type))) continue;
    if (m.commitments && (s.commitment === null || !m.commitments.includes(s.commitment))) continue;
    if (m.customers && (s.customer === null || !m.customers.includes(s.customer))) continue;
    if (m.plans && (facts.plan === undefined || !m.plans.includes(facts.plan))) continue;
    if (m.services && (service === undefined || !m.services.includes(service))) continue;
    if (m.severities && !m.severities.includes(own)) continue;
    return { route, severity: route.severity ?? own };
  }
  return undefined;
}

export const SEVERITY_RANK: Record<Severity, number> = {
  info: 0,
  warning: 1,
  error: 2,
  critical: 3,
};
