import type { FastifyInstance } from 'fastify';
import { ComplianceInput } from '../../services/compliance/compliance-input.js';
import { complianceReport } from '../../services/compliance/report.js';
import type { ContextFor } from '../context-for.js';
import { replies } from '../replies/components.js';

export function complianceRoutes(api: FastifyInstance, contextFor: ContextFor) {
  api.get(
    '/compliance',
    {
      schema: {
        summary:
          'Every commitment over a month or range: value, target, met, breaches and the tickets behind them',
        tags: ['compliance'],
        querystring: ComplianceInput,
        response: replies('Compliance'),
      },
    },
    async (request) => complianceReport({ ctx: contextFor(request), input: request.query }),
  );
}
