import type { FastifyInstance } from 'fastify';
import type { AuditSigner } from '../../services/audit/signer.js';
import { Type } from 'typebox';
import { generateReport, type PdfPrinter } from '../../services/reports/generate.js';
import { LANGUAGES } from '../../domain/localized.js';
import { oneOf, strictObject } from '../../validation/schema-kit.js';
import type { ContextFor } from '../context-for.js';
import {
  ListReportRunsInput,
  listReportRuns,
  retryReportRun,
} from '../../services/reports/list-runs.js';
import type { AvailabilityCreditFacts } from '../../services/credits/availability-credit-facts.js';

const ReportQuery = strictObject({
  date: Type.String({
    description: 'a day (2026-10-05), ISO week (2026-W41), month (2026-10) or quarter (2026-Q4)',
  }),
  format: Type.Optional(
    oneOf(['html', 'pdf', 'json'] as const, {
      description: 'html (default), pdf, or json (the report model)',
    }),
  ),
  lang: Type.Optional(oneOf(LANGUAGES)),
  customer: Type.Optional(Type.String({ minLength: 1 })),
});

/** The quality reports over HTTP, as the CLI makes them; a customer token gets its own. */
const RunParams = Type.Object(
  {
    schedule: Type.String({ minLength: 1, maxLength: 200 }),
    period: Type.String({ minLength: 1, maxLength: 20 }),
  },
  { additionalProperties: false },
);

export function reportRoutes(
  api: FastifyInstance,
  contextFor: ContextFor,
  pdf: PdfPrinter | undefined,
  availability?: AvailabilityCreditFacts | undefined,
  signer?: AuditSigner | undefined,
) {
  api.get(
    '/reports/runs',
    {
      schema: {
        summary:
          "Runs of the scheduled reports: generated or failed, and each recipient's delivery",
        tags: ['reports'],
        querystring: ListReportRunsInput,
      },
    },
    async (request) => listReportRuns({ ctx: contextFor(request), input: request.query }),
  );
  api.post<{ Params: { schedule: string; period: string } }>(
    '/reports/runs/:schedule/:period/retry',
    {
      schema: {
        summary: 'Generate a failed scheduled report again now',
        tags: ['reports'],
        params: RunParams,
      },
    },
    async (request) => retryReportRun({ ctx: contextFor(request), input: request.params }),
  );
  api.get<{ Params: { kind: string }; Querystring: Record<string, string> }>(
    '/reports/:kind',
    {
      schema: {
        summary:
          'A quality report: daily, weekly (trend), monthly (review) or quarterly (assessment)',
        tags: ['reports'],
        params: Type.Object({ kind: oneOf(['daily', 'weekly', 'monthly', 'quarterly'] as const) }),
        querystring: ReportQuery,
      },
    },
    async (request, reply) => {
      const report = await generateReport({
        ctx: contextFor(request),
        input: { kind: request.params.kind, ...request.query },
        pdf,
        availability,
        signer,
      });
      reply.type(report.contentType);
      if (report.contentType === 'application/pdf')
        reply.header(
          'content-disposition',
          `inline; filename="surety-${report.kind}-${report.period}.pdf"`,
        );
      return report.body;
    },
  );
}
