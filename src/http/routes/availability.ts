import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { LoadRunner } from '../../sources/probes/load-runner.js';
import type { CheckerSet } from '../../sources/probes/checker.js';
import { MonitorDefinitionSchema } from '../../policy/monitors/monitor-definition.js';
import {
  AgentResultsInput,
  CreateProbeTokenInput,
  agentMonitors,
  agentResults,
  createProbeToken,
  listAgents,
} from '../../services/agents/agents.js';
import {
  StressResultInput,
  getCheckupRun,
  listHealthChecks,
  listStressTests,
  recordStressResult,
  runHealthCheckNow,
  runStressTestNow,
} from '../../services/checkups/api.js';
import {
  IncidentEventInput,
  OpenIncidentInput,
  addIncidentEvent,
  openIncidentByHand,
} from '../../services/incidents/change.js';
import { ListIncidentsInput, getIncident, listIncidents } from '../../services/incidents/read.js';
import {
  CreateMaintenanceInput,
  ListMaintenanceInput,
  cancelMaintenance,
  createMaintenance,
  listMaintenance,
} from '../../services/maintenance/manage.js';
import {
  PING_MESSAGE_MAX,
  PingBody,
  pingByKey,
  pingMonitor,
} from '../../services/monitors/ping.js';
import type { HeartbeatReportKind } from '../../services/availability/store.js';
import { MonitorHistoryInput, monitorHistory } from '../../services/monitors/history.js';
import { ListMonitorsInput, getMonitor, listMonitors } from '../../services/monitors/read.js';
import { createMonitor, removeMonitor, replaceMonitor } from '../../services/monitors/save.js';
import type { ContextFor } from '../context-for.js';
import { replies } from '../replies/components.js';

const IdParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
const NumberParams = Type.Object(
  { id: Type.String({ pattern: '^[0-9]{1,15}$' }) },
  { additionalProperties: false },
);
const LocationQuery = Type.Object(
  {
    location: Type.String({ minLength: 1, description: 'the agent location, like frankfurt' }),
    version: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

/** The contract form most tools send; the policy file's own fields are accepted too. */
const MonitorBody = Type.Union([
  Type.Object(
    {
      id: Type.String(),
      service: Type.String(),
      type: Type.String({ enum: ['http', 'tcp', 'dns', 'heartbeat'] }),
      target: Type.Optional(
        Type.String({
          description: 'http: the URL; tcp: host:port; dns: the name to query; heartbeat: none',
        }),
      ),
      intervalSeconds: Type.Optional(
        Type.Number({
          description:
            'how often to check (30 by default); for a heartbeat, how often the job reports in',
        }),
      ),
      failuresBeforeDown: Type.Optional(Type.Integer({ minimum: 1 })),
      customer: Type.Optional(Type.String()),
      locations: Type.Optional(Type.Array(Type.String())),
    },
    { additionalProperties: true },
  ),
  MonitorDefinitionSchema,
]);

export interface AvailabilityRouteDeps {
  readonly checkers: () => CheckerSet;
  readonly runLoad: LoadRunner;
  /** Tells the probes the monitors changed, so a new monitor is checked at once. */
  readonly changed?: () => void;
  /** Tells the probes a heartbeat's job reported, so its check follows at once (a failure is down now, not at the next check). */
  readonly pinged?: (monitorId: string) => void;
}

/** The URL suffix of each report a heartbeat's job can make, and what it says. */
const PING_VARIANTS: ReadonlyArray<{ kind: HeartbeatReportKind; suffix: string; says: string }> = [
  { kind: 'success', suffix: '', says: 'the job ran' },
  {
    kind: 'fail',
    suffix: '/fail',
    says: 'the job ran and failed: down until a success ping (a text body or ?msg= says why)',
  },
  {
    kind: 'start',
    suffix: '/start',
    says: 'the job started: it has its grace to report success or failure',
  },
];

const PingQuery = Type.Object({
  msg: Type.Optional(
    Type.String({
      description: `on /fail: what went wrong (at most ${PING_MESSAGE_MAX} characters)`,
    }),
  ),
});
/** JSON `{ msg }`, or the message as text (text/plain, or form-encoded as curl -d sends it). */
const PingBodies = {
  content: {
    'application/json': { schema: PingBody },
    'text/plain': { schema: Type.String() },
    'application/x-www-form-urlencoded': { schema: Type.String() },
  },
};

function pingRoutes(api: FastifyInstance, contextFor: ContextFor, deps: AvailabilityRouteDeps) {
  // curl -d sends form encoding: `msg=…` is read as the field, anything else as the text itself.
  api.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      const text = String(body);
      const form = new URLSearchParams(text);
      done(null, text.includes('=') && form.has('msg') ? Object.fromEntries(form) : text);
    },
  );
  const reported = <T extends { monitor: string }>(result: T): T => {
    deps.pinged?.(result.monitor);
    return result;
  };
  // The body, when there is one, else ?msg= (a GET from a cron line has only the query).
  const messageOf = (request: { body?: unknown; query: { msg?: string } }) =>
    request.body === undefined || request.body === null || request.body === ''
      ? request.query.msg
      : request.body;
  for (const { kind, suffix, says } of PING_VARIANTS) {
    api.post<{ Params: { id: string }; Querystring: { msg?: string } }>(
      `/monitors/:id/ping${suffix}`,
      {
        schema: {
          summary: `A heartbeat monitor’s job reports in: ${says}`,
          tags: ['availability'],
          params: IdParams,
          querystring: PingQuery,
          ...(kind === 'fail' ? { body: PingBodies } : {}),
        },
      },
      async (request) =>
        reported(
          await pingMonitor({
            ctx: contextFor(request),
            input: { id: request.params.id, kind, message: messageOf(request) },
          }),
        ),
    );
    for (const method of ['GET', 'POST'] as const) {
      api.route<{ Params: { key: string }; Querystring: { msg?: string } }>({
        method,
        url: `/ping/:key${suffix}`,
        config: { public: true },
        schema: {
          summary: `A heartbeat’s secret ping URL, no token needed (a cron line holds none): ${says}`,
          tags: ['availability'],
          security: [],
          params: Type.Object({ key: Type.String({ minLength: 8, maxLength: 100 }) }),
          querystring: PingQuery,
          ...(kind === 'fail' && method === 'POST' ? { body: PingBodies } : {}),
        },
        handler: async (request) => {
          const { store, time } = contextFor({ caller: { role: 'admin', id: 'ping' } });
          return reported(
            await pingByKey(store, time, {
              key: request.params.key,
              kind,
              message: messageOf(request),
            }),
          );
        },
      });
    }
  }
}

export function availabilityRoutes(
  api: FastifyInstance,
  contextFor: ContextFor,
  deps: AvailabilityRouteDeps,
) {
  const changed = <T>(result: T): T => {
    deps.changed?.();
    return result;
  };
  api.post(
    '/monitors',
    { schema: { summary: 'Create a monitor (admin)', tags: ['availability'], body: MonitorBody } },
    async (request, reply) => {
      reply.status(201);
      return changed(await createMonitor({ ctx: contextFor(request), input: request.body }));
    },
  );
  api.get(
    '/monitors',
    {
      schema: {
        summary: 'Monitors with their live state (up, down, unknown)',
        tags: ['availability'],
        querystring: ListMonitorsInput,
        response: replies('MonitorList'),
      },
    },
    async (request) => listMonitors({ ctx: contextFor(request), input: request.query }),
  );
  api.get<{ Params: { id: string } }>(
    '/monitors/:id',
    {
      schema: {
        summary: 'A monitor, its state across locations and each location’s last check',
        tags: ['availability'],
        params: IdParams,
      },
    },
    async (request) => getMonitor({ ctx: contextFor(request), input: { id: request.params.id } }),
  );
  api.put<{ Params: { id: string } }>(
    '/monitors/:id',
    {
      schema: {
        summary: 'Create or replace a monitor (admin)',
        tags: ['availability'],
        params: IdParams,
        body: MonitorBody,
      },
    },
    async (request) =>
      changed(
        await replaceMonitor({
          ctx: contextFor(request),
          input: { id: request.params.id, body: request.body },
        }),
      ),
  );
  api.delete<{ Params: { id: string } }>(
    '/monitors/:id',
    {
      schema: {
        summary: 'Remove a monitor (admin); its history stays',
        tags: ['availability'],
        params: IdParams,
      },
    },
    async (request) =>
      changed(await removeMonitor({ ctx: contextFor(request), input: { id: request.params.id } })),
  );
  api.get<{ Params: { id: string } }>(
    '/monitors/:id/history',
    {
      schema: {
        summary: 'A monitor’s checks, failures and latency per hour, and its down spans',
        tags: ['availability'],
        params: IdParams,
        querystring: MonitorHistoryInput,
      },
    },
    async (request) =>
      monitorHistory({
        ctx: contextFor(request),
        input: { id: request.params.id, query: request.query },
      }),
  );
  // In a plugin of their own: the form parser below (curl -d) is for pings only.
  api.register(async (pings) => pingRoutes(pings, contextFor, deps));

  api.get(
    '/incidents',
    {
      schema: {
        summary: 'Incidents, newest first (service=, state=)',
        tags: ['availability'],
        querystring: ListIncidentsInput,
        response: replies('IncidentList'),
      },
    },
    async (request) => listIncidents({ ctx: contextFor(request), input: request.query }),
  );
  api.post(
    '/incidents',
    {
      schema: {
        summary: 'Open an incident by hand',
        tags: ['availability'],
        body: OpenIncidentInput,
      },
    },
    async (request, reply) => {
      reply.status(201);
      return openIncidentByHand({ ctx: contextFor(request), input: request.body });
    },
  );
  api.get<{ Params: { id: string } }>(
    '/incidents/:id',
    {
      schema: {
        summary: 'An incident with its timeline and clocks',
        tags: ['availability'],
        params: NumberParams,
      },
    },
    async (request) =>
      getIncident({ ctx: contextFor(request), input: { id: Number(request.params.id) } }),
  );
  api.post<{ Params: { id: string } }>(
    '/incidents/:id/events',
    {
      schema: {
        summary: 'Acknowledge, mitigate, resolve, or add a note',
        tags: ['availability'],
        params: NumberParams,
        body: IncidentEventInput,
      },
    },
    async (request, reply) => {
      reply.status(201);
      return addIncidentEvent({
        ctx: contextFor(request),
        input: { id: Number(request.params.id), event: request.body },
      });
    },
  );

  api.post(
    '/maintenance',
    {
      schema: {
        summary: 'Declare planned maintenance: { service, start, end } or { service, every }',
        tags: ['availability'],
        body: CreateMaintenanceInput,
      },
    },
    async (request, reply) => {
      reply.status(201);
      return createMaintenance({ ctx: contextFor(request), input: request.body });
    },
  );
  api.get(
    '/maintenance',
    {
      schema: {
        summary: 'Maintenance windows',
        tags: ['availability'],
        querystring: ListMaintenanceInput,
      },
    },
    async (request) => listMaintenance({ ctx: contextFor(request), input: request.query }),
  );
  api.delete<{ Params: { id: string } }>(
    '/maintenance/:id',
    {
      schema: {
        summary: 'Cancel a maintenance window (what already passed stays planned)',
        tags: ['availability'],
        params: NumberParams,
      },
    },
    async (request) =>
      cancelMaintenance({ ctx: contextFor(request), input: { id: Number(request.params.id) } }),
  );

  api.get<{ Querystring: { location: string; version?: string } }>(
    '/agent/monitors',
    {
      config: { probe: true },
      schema: {
        summary: 'What a probe agent at a location runs',
        tags: ['agents'],
        querystring: LocationQuery,
      },
    },
    async (request) => agentMonitors({ ctx: contextFor(request), input: request.query }),
  );
  api.post<{ Querystring: { location: string } }>(
    '/agent/results',
    {
      config: { probe: true },
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        summary: 'A probe agent’s check results (also its heartbeat)',
        tags: ['agents'],
        querystring: LocationQuery,
        body: AgentResultsInput,
      },
    },
    async (request) =>
      agentResults({
        ctx: contextFor(request),
        input: { location: request.query.location, body: request.body },
      }),
  );
  api.get(
    '/agents',
    { schema: { summary: 'Probe agents and whether they report', tags: ['agents'] } },
    async (request) => listAgents({ ctx: contextFor(request) }),
  );
  api.post(
    '/agents/tokens',
    {
      schema: {
        summary: 'A token for `surety agent` at one location (admin)',
        tags: ['agents'],
        body: CreateProbeTokenInput,
      },
    },
    async (request, reply) => {
      reply.status(201);
      return createProbeToken({ ctx: contextFor(request), input: request.body });
    },
  );

  api.get(
    '/health-checks',
    {
      schema: {
        summary: 'Health-check suites, their schedule and recent reports',
        tags: ['checkups'],
      },
    },
    async (request) => listHealthChecks({ ctx: contextFor(request) }),
  );
  api.post<{ Params: { id: string } }>(
    '/health-checks/:id/run',
    { schema: { summary: 'Run a health-check suite now', tags: ['checkups'], params: IdParams } },
    async (request, reply) => {
      reply.status(201);
      return runHealthCheckNow({
        ctx: contextFor(request),
        checkers: deps.checkers(),
        input: { id: request.params.id },
      });
    },
  );
  api.get<{ Params: { id: string } }>(
    '/checkup-runs/:id',
    {
      schema: {
        summary: 'One health-check report or stress-test run',
        tags: ['checkups'],
        params: NumberParams,
      },
    },
    async (request) =>
      getCheckupRun({ ctx: contextFor(request), input: { id: Number(request.params.id) } }),
  );
  api.get(
    '/stress-tests',
    { schema: { summary: 'Stress tests: due, passed, failed or missed', tags: ['checkups'] } },
    async (request) => listStressTests({ ctx: contextFor(request) }),
  );
  api.post<{ Params: { id: string } }>(
    '/stress-tests/:id/run',
    {
      schema: {
        summary: 'Run a stress test against its loopback target now (admin)',
        tags: ['checkups'],
        params: IdParams,
      },
    },
    async (request, reply) => {
      reply.status(201);
      return runStressTestNow({
        ctx: contextFor(request),
        runLoad: deps.runLoad,
        input: { id: request.params.id },
      });
    },
  );
  api.post<{ Params: { id: string } }>(
    '/stress-tests/:id/results',
    {
      schema: {
        summary: 'Record the result of an external stress run',
        tags: ['checkups'],
        params: IdParams,
        body: StressResultInput,
      },
    },
    async (request, reply) => {
      reply.status(201);
      return recordStressResult({
        ctx: contextFor(request),
        input: { id: request.params.id, body: request.body },
      });
    },
  );
}
