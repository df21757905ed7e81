import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  PING_MESSAGE_MAX,
  PingBody,
  pingByKey,
  pingMonitor,
} from '../../services/monitors/ping.js';
import type { HeartbeatReportKind } from '../../services/store/index.js';
import type { ContextFor } from '../context-for.js';
import type { AvailabilityRouteDeps } from './availability-deps.js';
import { IdParams } from './route-params.js';

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

/** A heartbeat's job reports in (success, failure, start), by monitor id or by its key. */
export function pingRoutes(
  api: FastifyInstance,
  contextFor: ContextFor,
  deps: AvailabilityRouteDeps,
) {
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
