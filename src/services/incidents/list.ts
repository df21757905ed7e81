import { Type } from 'typebox';
import { INCIDENT_STATES, type IncidentState } from '../../domain/incident.js';
import { evaluateIncidentClocks } from '../../evaluate/availability/incident-clocks.js';
import { strictObject } from '../../validation/schema-kit.js';
import { requireRole, scopeOf } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { parseInput } from '../parse-input.js';
import { incidentView } from './view.js';

export const ListIncidentsInput = strictObject({
  service: Type.Optional(Type.String({ minLength: 1, description: 'only this service' })),
  state: Type.Optional(
    Type.String({
      pattern:
        '^(open|acknowledged|mitigated|resolved|active)(,(open|acknowledged|mitigated|resolved|active))*$',
      description: 'states, comma-separated; active = not resolved',
    }),
  ),
  limit: Type.Optional(
    Type.String({ pattern: '^[0-9]{1,4}$', description: '50 by default, 500 at most' }),
  ),
  offset: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$' })),
});

/** Incidents, newest first; a customer token sees only its own services' incidents. */
export async function listIncidents({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx.caller, ['admin', 'agent', 'customer', 'auditor'], 'listing incidents');
  const q = parseInput(ListIncidentsInput, input ?? {}, 'invalid incident query');
  const states = q.state
    ?.split(',')
    .flatMap((s) => (s === 'active' ? ['open', 'acknowledged', 'mitigated'] : [s])) as
    IncidentState[] | undefined;
  const customer = scopeOf(ctx.caller);
  const { incidents, total } = await ctx.store.incidents.list({
    service: q.service,
    customer,
    states: states?.filter((s) => (INCIDENT_STATES as readonly string[]).includes(s)),
    limit: Math.min(Number(q.limit ?? 50), 500),
    offset: Number(q.offset ?? 0),
  });
  const now = ctx.time.now();
  const views = [];
  for (const i of incidents) {
    const terms = i.customer === null ? undefined : await ctx.store.customers.get(i.customer);
    views.push(incidentView(i, evaluateIncidentClocks(ctx.policy, i, terms, now), now));
  }
  return { incidents: views, total };
}
