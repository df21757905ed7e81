import type { Clock } from '../../domain/clock.js';
import type { Incident } from '../../domain/incident.js';
import type { Instant } from '../../domain/time.js';
import { effectiveTarget, type CustomerTerms } from '../../policy/effective-target.js';
import type { IncidentClockMeasure } from '../../policy/measures.js';
import type { Policy } from '../../policy/policy.js';
import { evaluateClock } from '../clocks/clock.js';

/**
 * The guarantee's reaction to a failure as clocks on each incident, run by the same engine as
 * ticket clocks: engaged, core functions restored, full recovery, each from
 * detection. A later step also satisfies an earlier one: an incident resolved before anyone
 * acknowledged it did not leave the customer waiting for an engineer.
 */
export const INCIDENT_STOPS: Readonly<Record<IncidentClockMeasure, readonly string[]>> = {
  incident_engagement: ['acknowledged', 'mitigated', 'resolved'],
  incident_mitigation: ['mitigated', 'resolved'],
  incident_recovery: ['resolved'],
};

export function evaluateIncidentClocks(
  policy: Policy,
  incident: Incident,
  customer: CustomerTerms | undefined,
  now: Instant,
): Clock[] {
  const clocks: Clock[] = [];
  for (const c of policy.commitments) {
    if (c.type !== 'incident-clock') continue;
    if (
      c.appliesTo.customers &&
      (incident.customer === null || !c.appliesTo.customers.includes(incident.customer))
    )
      continue;
    const rules = {
      id: c.id,
      calendar: c.calendar,
      warnAt: c.warnAt,
      stopsOn: INCIDENT_STOPS[c.measure],
      pausesWhileWaiting: false,
      onReopen: 'keep' as const,
    };
    const targetMs = effectiveTarget(policy, c, customer) as number;
    clocks.push(
      evaluateClock(
        {
          commitment: rules,
          targetMs,
          createdAt: incident.detectedAt,
          appliesSince: incident.detectedAt,
          events: incident.events,
        },
        now,
      ),
    );
  }
  return clocks;
}
