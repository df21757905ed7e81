import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AvailabilityCreditFacts } from '../../services/credits/availability-credit-facts.js';
import { CloseMonthBody, closeMonth } from '../../services/months/close.js';
import { ListMonthsInput, listMonths } from '../../services/months/list.js';
import { ReopenMonthBody, reopenMonth } from '../../services/months/reopen.js';
import { getPolicyVersion, listPolicyVersions } from '../../services/policy/versions.js';
import type { ContextFor } from '../context-for.js';
import { replies } from '../replies/components.js';

const HashParams = Type.Object(
  { hash: Type.String({ minLength: 1, maxLength: 64, description: 'a version’s SHA-256 (hex)' }) },
  { additionalProperties: false },
);
const MonthParams = Type.Object(
  { month: Type.String({ minLength: 1, maxLength: 20, description: 'a month like 2026-10' }) },
  { additionalProperties: false },
);
const body = (b: unknown) => (b !== null && typeof b === 'object' && !Array.isArray(b) ? b : {});

/** The policy's versions and the months' closings: terms change from a date, not backwards. */
export function termsRoutes(
  api: FastifyInstance,
  contextFor: ContextFor,
  availability: AvailabilityCreditFacts | undefined,
) {
  api.get(
    '/policy/versions',
    {
      schema: {
        summary: 'Every policy version Surety was started with, newest first (staff)',
        tags: ['meta'],
        response: replies('PolicyVersionList'),
      },
    },
    async (request) => listPolicyVersions({ ctx: contextFor(request) }),
  );
  api.get<{ Params: { hash: string } }>(
    '/policy/versions/:hash',
    {
      schema: {
        summary: 'One policy version with its full text (staff)',
        tags: ['meta'],
        params: HashParams,
        response: replies('PolicyVersion'),
      },
    },
    async (request) =>
      getPolicyVersion({ ctx: contextFor(request), input: { hash: request.params.hash } }),
  );
  api.get(
    '/months',
    {
      schema: {
        summary: 'Months newest first: open or closed, and why (staff)',
        tags: ['credits'],
        querystring: ListMonthsInput,
        response: replies('MonthList'),
      },
    },
    async (request) => listMonths({ ctx: contextFor(request), input: request.query }),
  );
  api.post<{ Params: { month: string } }>(
    '/months/:month/reopen',
    {
      schema: {
        summary:
          'Reopen a closed month with a reason (admin); the next recomputation re-derives it',
        tags: ['credits'],
        params: MonthParams,
        body: ReopenMonthBody,
        response: replies('Month'),
      },
    },
    async (request) =>
      reopenMonth({
        ctx: contextFor(request),
        input: { ...body(request.body), month: request.params.month },
      }),
  );
  api.post<{ Params: { month: string } }>(
    '/months/:month/close',
    {
      schema: {
        summary: "Issue a month's statement (admin): its ledger is final until it is reopened",
        tags: ['credits'],
        params: MonthParams,
        body: CloseMonthBody,
        response: replies('Month'),
      },
    },
    async (request) =>
      closeMonth({
        ctx: contextFor(request),
        input: { ...body(request.body), month: request.params.month },
        availability,
      }),
  );
}
