import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AcknowledgeInput, acknowledgeAlert } from '../../services/alerts/acknowledge.js';
import { getAlert } from '../../services/alerts/get.js';
import { ListAlertsInput, listAlerts } from '../../services/alerts/list.js';
import { ResolveInput, resolveAlertByHand } from '../../services/alerts/resolve.js';
import { ListNotificationsInput, listNotifications } from '../../services/notifications/list.js';
import { retryNotification } from '../../services/notifications/retry.js';
import { TestNotificationInput, sendTestNotification } from '../../services/notifications/test.js';
import { OnCallInput, whoIsOnCall } from '../../services/oncall/who.js';
import type { ContextFor } from '../context-for.js';
import { replies } from '../replies/components.js';

const IdParams = Type.Object(
  { id: Type.String({ pattern: '^[0-9]{1,15}$', description: 'an id (a number)' }) },
  { additionalProperties: false },
);

export function alertRoutes(api: FastifyInstance, contextFor: ContextFor) {
  api.get(
    '/alerts',
    {
      schema: {
        summary: 'Alerts, newest first (open ones by default)',
        tags: ['alerts'],
        querystring: ListAlertsInput,
        response: replies('AlertList'),
      },
    },
    async (request) => listAlerts({ ctx: contextFor(request), input: request.query }),
  );
  api.get<{ Params: { id: string } }>(
    '/alerts/:id',
    {
      schema: {
        summary: 'An alert with its timeline and notifications',
        tags: ['alerts'],
        params: IdParams,
      },
    },
    async (request) =>
      getAlert({ ctx: contextFor(request), input: { id: Number(request.params.id) } }),
  );
  api.post<{ Params: { id: string } }>(
    '/alerts/:id/acknowledge',
    {
      schema: {
        summary: 'Acknowledge an alert: escalation stops',
        tags: ['alerts'],
        params: IdParams,
        body: AcknowledgeInput,
      },
    },
    async (request) =>
      acknowledgeAlert({
        ctx: contextFor(request),
        input: { id: Number(request.params.id), body: request.body },
      }),
  );
  api.post<{ Params: { id: string } }>(
    '/alerts/:id/resolve',
    {
      schema: {
        summary: 'Resolve an alert by hand',
        tags: ['alerts'],
        params: IdParams,
        body: ResolveInput,
      },
    },
    async (request) =>
      resolveAlertByHand({
        ctx: contextFor(request),
        input: { id: Number(request.params.id), body: request.body },
      }),
  );
  api.get(
    '/notifications',
    {
      schema: {
        summary: 'The notification log, with every delivery attempt',
        tags: ['alerts'],
        querystring: ListNotificationsInput,
      },
    },
    async (request) => listNotifications({ ctx: contextFor(request), input: request.query }),
  );
  api.post<{ Params: { id: string } }>(
    '/notifications/:id/retry',
    { schema: { summary: 'Send a failed notification again', tags: ['alerts'], params: IdParams } },
    async (request) =>
      retryNotification({ ctx: contextFor(request), input: { id: Number(request.params.id) } }),
  );
  api.post(
    '/notifications/test',
    {
      schema: {
        summary: 'Queue a test message through one channel',
        tags: ['alerts'],
        body: TestNotificationInput,
      },
    },
    async (request, reply) => {
      reply.status(202);
      return sendTestNotification({ ctx: contextFor(request), input: request.body });
    },
  );
  api.get(
    '/oncall',
    {
      schema: {
        summary: 'Who is on call now (or at a moment), per schedule',
        tags: ['alerts'],
        querystring: OnCallInput,
      },
    },
    async (request) => whoIsOnCall({ ctx: contextFor(request), input: request.query }),
  );
}
