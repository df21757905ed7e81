import type { EscalationPolicy, Route } from '../notifications.js';
import type { Report } from '../problem-report.js';
import type { NotificationsDocument } from '../schema-notifications.js';
import type { CompiledChannels } from './channels.js';

/** notifications.routes: which signals go to which escalation, in order, first match wins. */
export function compileRoutes(
  doc: NotificationsDocument | undefined,
  channels: CompiledChannels,
  escalations: ReadonlyMap<string, EscalationPolicy>,
  problem: Report,
): Route[] {
  return (doc?.routes ?? []).map((r, i) => {
    const path = ['notifications', 'routes', i];
    if (!escalations.has(r.escalation) && !doc?.escalations?.[r.escalation])
      problem(
        [...path, 'escalation'],
        `no escalation policy is named "${r.escalation}"; known: ${Object.keys(doc?.escalations ?? {}).join(', ') || 'none'}`,
      );
    r.channels.forEach((c, j) => channels.known(c, [...path, 'channels', j]));
    r.match?.types?.forEach((t, j) => {
      if (
        !/^[a-z0-9_-]+(\.[a-z0-9_*-]+)*$/i.test(t) ||
        (t.includes('*') && !t.endsWith('.*') && t !== '*')
      )
        problem(
          [...path, 'match', 'types', j],
          `"${t}" is not a signal type or family; write it like clock.breached or metric.*`,
        );
    });
    return {
      name: r.name ?? `route-${i + 1}`,
      match: r.match ?? {},
      escalation: r.escalation,
      channels: channels.enabled(r.channels),
      severity: r.severity,
    };
  });
}
