import { Type } from 'typebox';
import { IMPROVEMENT_STATUSES, REVIEW_EFFECTS } from '../../domain/improvement.js';
import { INCIDENT_STATES } from '../../domain/incident.js';
import { oneOf } from '../../validation/schema-kit.js';
import { Iso, orNull, ref } from './kit.js';

export const Alert = Type.Object({
  id: Type.Integer(),
  status: oneOf(['triggered', 'acknowledged', 'resolved']),
  severity: Type.String(),
  type: Type.String(),
  summary: Type.String(),
  subject: Type.Object({ type: Type.String(), id: Type.String() }),
  commitment: orNull(Type.String()),
  customer: orNull(Type.String()),
  service: orNull(Type.String()),
  expedite: Type.Boolean(),
  route: Type.String(),
  escalation: Type.String(),
  level: orNull(Type.Integer()),
  steps: Type.Integer(),
  signal: Type.Integer(),
  signalCount: Type.Integer(),
  openedAt: Iso,
  nextEscalationAt: orNull(Iso),
  acknowledgedAt: orNull(Iso),
  acknowledgedBy: orNull(Type.String()),
  resolvedAt: orNull(Iso),
  resolution: orNull(Type.String()),
});

/** In a list, each alert also names its escalation level and how many levels there are. */
export const AlertList = Type.Object({
  total: Type.Integer(),
  alerts: Type.Array(
    Type.Intersect([
      ref('Alert', Alert),
      Type.Object({ levelName: orNull(Type.String()), levels: Type.Integer() }),
    ]),
  ),
});

export const Incident = Type.Object({
  id: Type.Integer(),
  service: Type.String(),
  customer: orNull(Type.String()),
  title: Type.String(),
  origin: oneOf(['monitor', 'manual']),
  state: oneOf(INCIDENT_STATES),
  detectedAt: Iso,
  acknowledgedAt: orNull(Iso),
  mitigatedAt: orNull(Iso),
  resolvedAt: orNull(Iso),
  durationMs: Type.Number(),
  timeline: Type.Array(
    Type.Object({
      type: Type.String(),
      at: Iso,
      actor: orNull(Type.String()),
      note: orNull(Type.String()),
    }),
  ),
  clocks: Type.Array(
    Type.Object({
      commitment: Type.String(),
      state: Type.String(),
      targetMs: Type.Number(),
      dueAt: orNull(Iso),
      stoppedAt: orNull(Iso),
      breachedAt: orNull(Iso),
      elapsedMs: Type.Number(),
      remainingMs: Type.Number(),
      warnings: Type.Array(Type.Object({ threshold: Type.Number(), at: Iso })),
    }),
  ),
});

export const IncidentList = Type.Object({
  total: Type.Integer(),
  incidents: Type.Array(ref('Incident', Incident)),
});

const Verdict = oneOf(['up', 'down', 'unknown']);

export const Monitor = Type.Object({
  id: Type.String(),
  name: Type.String(),
  service: Type.String(),
  customer: orNull(Type.String()),
  type: Type.String(),
  target: orNull(Type.String()),
  intervalSeconds: orNull(Type.Number()),
  checkEverySeconds: orNull(Type.Number()),
  timeoutSeconds: orNull(Type.Number()),
  failuresBeforeDown: orNull(Type.Integer()),
  periodSeconds: Type.Optional(Type.Number()),
  graceSeconds: Type.Optional(Type.Number()),
  state: Verdict,
  downSince: orNull(Iso),
  locations: Type.Array(
    Type.Object({
      location: Type.String(),
      state: Verdict,
      status: oneOf(['pending', 'up', 'failing', 'down']),
      agentSilent: Type.Boolean(),
      since: orNull(Iso),
      failures: Type.Integer(),
      lastCheck: orNull(
        Type.Object({
          at: Iso,
          ok: orNull(Type.Boolean()),
          cause: orNull(Type.String()),
          message: orNull(Type.String()),
          latencyMs: orNull(Type.Number()),
          warning: orNull(Type.String()),
        }),
      ),
    }),
  ),
  source: oneOf(['policy', 'api']),
  pingPath: Type.Optional(Type.String()),
  definition: Type.Record(Type.String(), Type.Unknown(), {
    description: 'the definition as written',
  }),
  createdAt: Iso,
  updatedAt: Iso,
  removedAt: orNull(Iso),
});

export const MonitorList = Type.Object({
  total: Type.Integer(),
  monitors: Type.Array(ref('Monitor', Monitor)),
});

export const Improvement = Type.Object({
  id: Type.Integer(),
  month: Type.String(),
  title: Type.String(),
  description: Type.String(),
  owner: Type.String(),
  dueDate: Type.String({ format: 'date' }),
  status: oneOf(IMPROVEMENT_STATUSES),
  overdue: Type.Boolean(),
  links: Type.Array(
    Type.Object({
      commitment: Type.String(),
      ticket: Type.Optional(Type.Integer()),
      signal: Type.Optional(Type.Integer()),
    }),
  ),
  createdAt: Iso,
  updatedAt: Iso,
  createdBy: Type.String(),
  reviews: Type.Array(
    Type.Object({
      quarter: Type.String(),
      effect: oneOf(REVIEW_EFFECTS),
      note: Type.String(),
      reviewer: Type.String(),
      reviewedAt: Iso,
    }),
  ),
});

export const ImprovementList = Type.Object({
  items: Type.Array(ref('Improvement', Improvement)),
});
