import type { FastifyInstance } from 'fastify';
import type { AvailabilityCreditFacts } from '../../services/credits/availability-credit-facts.js';
import {
  CreditStatementInput,
  creditAudit,
  creditStatement,
} from '../../services/credits/statement.js';
import type { ContextFor } from '../context-for.js';
import { replies } from '../replies/components.js';

export function creditRoutes(
  api: FastifyInstance,
  contextFor: ContextFor,
  availability: AvailabilityCreditFacts | undefined,
) {
  api.get(
    '/credits',
    {
      schema: {
        summary:
          'The monthly service-credit statement per customer, with the evidence of every line',
        tags: ['credits'],
        querystring: CreditStatementInput,
        response: replies('CreditStatement'),
      },
    },
    async (request) =>
      creditStatement({ ctx: contextFor(request), input: request.query, availability }),
  );
  api.get(
    '/credits/audit',
    {
      schema: {
        summary: 'Every change to a month of the credit ledger, and why',
        tags: ['credits'],
        querystring: CreditStatementInput,
      },
    },
    async (request) => creditAudit({ ctx: contextFor(request), input: request.query }),
  );
}
