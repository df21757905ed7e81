import type { FastifyInstance } from 'fastify';
import {
  StressResultInput,
  recordStressResult,
} from '../../services/checkups/record-stress-result.js';
import { getCheckupRun } from '../../services/checkups/get-run.js';
import { listHealthChecks } from '../../services/checkups/list-health-checks.js';
import { listStressTests } from '../../services/checkups/list-stress-tests.js';
import { runHealthCheckNow } from '../../services/checkups/run-health-check-now.js';
import { runStressTestNow } from '../../services/checkups/run-stress-test-now.js';
import type { ContextFor } from '../context-for.js';
import type { AvailabilityRouteDeps } from './availability-deps.js';
import { IdParams, NumberParams } from './route-params.js';

/** Health-check suites and stress tests (C-07 evidence of the service being exercised). */
export function checkupRoutes(
  api: FastifyInstance,
  contextFor: ContextFor,
  deps: AvailabilityRouteDeps,
) {
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
