import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { TimeSource } from '../domain/time.js';
import type { Policy } from '../policy/policy.js';
import type { PolicyTerms } from '../services/policy/terms.js';
import type { Store } from '../services/store/index.js';
import { authenticate } from '../services/tokens/authenticate.js';
import { SuretyError } from '../domain/errors.js';
import { compileSchema } from '../validation/ajv.js';
import { presentedSecret } from './auth.js';
import type { ContextFor } from './context-for.js';
import { replyWithError } from './error-reply.js';
import { REPLY_SCHEMAS } from './replies/components.js';
import { complianceRoutes } from './routes/compliance.js';
import { ingestRoutes } from './routes/ingest.js';
import { metricRoutes } from './routes/metrics.js';
import { signalRoutes } from './routes/signals.js';
import type { MetricsPipeline } from '../services/metrics/pipeline.js';
import { customerRoutes } from './routes/customers.js';
import { metaRoutes } from './routes/meta.js';
import { ticketRoutes } from './routes/tickets.js';
import { tokenRoutes } from './routes/tokens.js';
import { availabilityRoutes, type AvailabilityRouteDeps } from './routes/availability.js';
import { alertRoutes } from './routes/alerts.js';
import { assessmentRoutes } from './routes/assessments.js';
import { creditRoutes } from './routes/credits.js';
import type { AvailabilityCreditFacts } from '../services/credits/availability-credit-facts.js';
import { improvementRoutes } from './routes/improvements.js';
import { reportRoutes } from './routes/reports.js';
import { viewRoutes } from './routes/views.js';
import { webRoutes } from './routes/web.js';
import { auditRoutes } from './routes/audit.js';
import type { AuditSigner } from '../services/audit/signer.js';
import { statusRoutes } from './routes/status.js';
import { termsRoutes } from './routes/terms.js';
import { availabilityStatus } from '../services/views/availability-status.js';
import type { PdfPrinter } from '../services/reports/generate.js';

export interface HttpDeps {
  readonly store: Store;
  readonly policy: Policy;
  /** Every stored policy version by when it applies; without it, `policy` governs every ticket. */
  readonly terms?: PolicyTerms | undefined;
  readonly time: TimeSource;
  /** SHA-256 of the admin token given in the configuration, if one was. */
  readonly adminTokenHash: string | undefined;
  readonly logger: Logger;
  readonly bodyLimitBytes: number;
  /** The metrics pipeline, when ingestion is on. */
  readonly pipeline?: MetricsPipeline | undefined;
  /** The probe checkers, for health checks run on request. */
  readonly probes?: AvailabilityRouteDeps | undefined;
  /** Incidents and uptime for the credit ledger, once availability is wired in. */
  readonly availability?: AvailabilityCreditFacts | undefined;
  /** Prints reports to PDF (headless Chromium), when the installation has it. */
  readonly pdf?: PdfPrinter | undefined;
  /** Signs audit checkpoints; its public key is served at /api/v1/audit/key. */
  readonly signer?: AuditSigner | undefined;
  /** Where the built dashboard is (dist/web), to serve it at `/`. */
  readonly webRoot?: string | undefined;
}

/**
 * The HTTP shell: authentication, validation of query and path, error mapping, the
 * OpenAPI document. Routes only translate between HTTP and service verbs.
 */
export async function buildHttpServer(deps: HttpDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger.child({ component: 'http' }) as unknown as FastifyBaseLogger,
    bodyLimit: deps.bodyLimitBytes,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
  });

  // Bodies are validated by the service verbs (so the CLI gets the same checks); the
  // schema stays on the route for the OpenAPI document.
  app.setValidatorCompiler(({ schema, httpPart }) => {
    if (httpPart === 'body') return () => true;
    const validate = compileSchema(schema);
    return (data: unknown) =>
      validate(data)
        ? { value: data }
        : { error: Object.assign(new Error('invalid'), { validation: validate.errors }) };
  });
  // Replies are written as the services return them; the response schemas on routes are for
  // the OpenAPI document, so they must not drop or coerce fields as Fastify's serializer would.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.setErrorHandler((err, request, reply) => replyWithError(err, request, reply));
  // Our own JSON parser, so a syntax error says where it is.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '')
      return done(
        new SuretyError('invalid_input', 'the body is empty; send a JSON object'),
        undefined,
      );
    try {
      done(null, JSON.parse(text));
    } catch (err) {
      done(
        new SuretyError('invalid_input', `the body is not valid JSON: ${(err as Error).message}`),
        undefined,
      );
    }
  });
  app.setNotFoundHandler((request, reply) =>
    replyWithError(
      Object.assign(new Error('not found'), { code: 'FST_ERR_NOT_FOUND' }),
      request,
      reply,
    ),
  );

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Surety API',
        version: '1',
        description:
          'Service-quality commitments measured from tickets: customers, tickets with SLA clocks, compliance, tokens.',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
        schemas: REPLY_SCHEMAS as Record<string, object>,
      },
      security: [{ bearer: [] }],
    },
  });

  app.decorateRequest('caller', null as never);
  app.addHook('onRequest', async (request) => {
    // Unknown routes fall through to the not-found handler; every known one is private unless marked public.
    if (request.routeOptions.config?.public || request.routeOptions.url === undefined) return;
    request.caller = await authenticate(deps.store, presentedSecret(request), deps.adminTokenHash);
    if (request.caller.role === 'probe' && !request.routeOptions.config?.probe) {
      throw new SuretyError(
        'forbidden',
        'a probe token may only fetch its monitors and report results (/api/v1/agent/…)',
      );
    }
  });

  const contextFor: ContextFor = (request) => ({
    store: deps.store,
    policy: deps.policy,
    terms: deps.terms,
    time: deps.time,
    caller: request.caller,
  });
  await app.register(
    async (api) => {
      metaRoutes(api, contextFor, () => app.swagger());
      customerRoutes(api, contextFor);
      ticketRoutes(api, contextFor, deps.availability);
      complianceRoutes(api, contextFor);
      tokenRoutes(api, contextFor);
      metricRoutes(api, contextFor);
      signalRoutes(api, contextFor);
      if (deps.probes) availabilityRoutes(api, contextFor, deps.probes);
      alertRoutes(api, contextFor);
      creditRoutes(api, contextFor, deps.availability);
      termsRoutes(api, contextFor, deps.availability);
      improvementRoutes(api, contextFor);
      assessmentRoutes(api, contextFor);
      reportRoutes(api, contextFor, deps.pdf, deps.availability, deps.signer);
      viewRoutes(api, contextFor);
      auditRoutes(api, contextFor, deps.signer);
    },
    { prefix: '/api/v1' },
  );
  statusRoutes(app, contextFor, deps.probes ? availabilityStatus : undefined);
  if (deps.webRoot) await webRoutes(app, deps.webRoot);
  if (deps.pipeline) {
    const pipeline = deps.pipeline;
    await app.register(async (ingest) => ingestRoutes(ingest, pipeline));
  }
  return app;
}
