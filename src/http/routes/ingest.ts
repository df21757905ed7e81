import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { SuretyError } from '../../domain/errors.js';
import { FORMATS } from '../../services/metrics/formats.js';
import type { MetricsPipeline } from '../../services/metrics/pipeline.js';
import { writeMetrics } from '../../services/metrics/write.js';
import { replyWithError } from '../error-reply.js';

const INGEST_BODY_LIMIT = 32 * 1024 * 1024;

const WriteQuery = Type.Object(
  {
    precision: Type.Optional(
      Type.String({ description: 'timestamp unit: ns (default), us, ms, s, m, h' }),
    ),
    partial: Type.Optional(
      Type.String({
        enum: ['true', 'false'],
        description: 'true keeps the good lines of a body with bad ones, as InfluxDB does',
      }),
    ),
  },
  { additionalProperties: true },
);

/**
 * Metric ingestion. Bodies arrive as raw bytes (a content-type parser of this context only),
 * possibly gzip-compressed; the service checks, logs and applies them.
 */
export function ingestRoutes(app: FastifyInstance, pipeline: MetricsPipeline) {
  // Every body arrives as bytes here, whatever its content type (Telegraf sends text/plain).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: INGEST_BODY_LIMIT },
    (request, body, done) => {
      if (
        /^application\/json\b/i.test(request.headers['content-type'] ?? '') &&
        !request.url.startsWith('/api/v1/metrics')
      ) {
        return done(
          new SuretyError(
            'invalid_input',
            'send line protocol as text (Content-Type: text/plain), not JSON; JSON points go to POST /api/v1/metrics',
          ),
          undefined,
        );
      }
      done(null, body);
    },
  );

  const write = async (request: FastifyRequest, format: number) => {
    const q = request.query as Record<string, string | undefined>;
    return writeMetrics({
      caller: request.caller,
      pipeline,
      input: {
        format,
        body: bodyOf(request),
        encoding: request.headers['content-encoding'],
        precision: q.precision,
        partial: q.partial === 'true',
      },
    });
  };

  app.post(
    '/api/v1/write',
    {
      bodyLimit: INGEST_BODY_LIMIT,
      schema: {
        summary: 'Write metrics in InfluxDB line protocol (gzip accepted); 204 once durable',
        tags: ['metrics'],
        querystring: WriteQuery,
      },
    },
    async (request, reply) => {
      const result = await write(request, FORMATS.lineProtocol);
      if (result.problems.length > 0) return reply.status(400).send(partialError(result));
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/prom/write',
    {
      bodyLimit: INGEST_BODY_LIMIT,
      schema: {
        summary: 'Prometheus remote write 1.0 (snappy-compressed protobuf); 204 once durable',
        tags: ['metrics'],
      },
    },
    async (request, reply) => {
      const version = String(request.headers['x-prometheus-remote-write-version'] ?? '0.1.0');
      if (
        /proto=io\.prometheus\.write\.v2/.test(String(request.headers['content-type'] ?? '')) ||
        version.startsWith('2')
      ) {
        return reply.status(415).send({
          error: {
            code: 'unsupported',
            message:
              'remote write 2.0 is not supported; configure the sender for remote write 1.0 (protobuf_message: prometheus.WriteRequest)',
          },
        });
      }
      // Snappy is the format's own compression, not a Content-Encoding to undo here.
      const result = await writeMetrics({
        caller: request.caller,
        pipeline,
        input: {
          format: FORMATS.remoteWrite,
          body: bodyOf(request),
          precision: 'ms',
          partial: true,
        },
      });
      if (result.problems.length > 0) return reply.status(400).send(partialError(result));
      return reply.status(204).send();
    },
  );

  // JSON points for people and scripts: { "points": [{ "measurement", "tags", "fields", "time" }] }.
  app.post(
    '/api/v1/metrics',
    {
      bodyLimit: INGEST_BODY_LIMIT,
      schema: {
        summary: 'Write metrics as JSON points; 204 once durable',
        tags: ['metrics'],
        querystring: WriteQuery,
      },
    },
    async (request, reply) => {
      const q = request.query as Record<string, string | undefined>;
      const result = await writeMetrics({
        caller: request.caller,
        pipeline,
        input: {
          format: FORMATS.json,
          body: bodyOf(request),
          encoding: request.headers['content-encoding'],
          partial: q.partial === 'true',
        },
      });
      if (result.problems.length > 0) return reply.status(400).send(partialError(result));
      return reply.status(204).send();
    },
  );

  // InfluxDB 1.x compatibility: the path, credentials and error shape Telegraf and Influx clients expect.
  app.register(async (influx) => {
    influx.setErrorHandler((err, request, reply) => influxError(err, request, reply));
    influx.post(
      '/write',
      {
        bodyLimit: INGEST_BODY_LIMIT,
        config: { influxCredentials: true },
        schema: {
          summary: 'InfluxDB 1.x write endpoint (db is accepted and ignored)',
          tags: ['metrics'],
          querystring: WriteQuery,
        },
      },
      async (request, reply) => {
        const result = await write(request, FORMATS.lineProtocol);
        if (result.problems.length > 0)
          return reply.status(400).send({ error: partialError(result).error.message });
        return reply.status(204).send();
      },
    );
    influx.get(
      '/ping',
      { config: { public: true }, schema: { hide: true } },
      async (_request, reply) =>
        reply.status(204).header('X-Influxdb-Version', '1.8-surety').send(),
    );
  });
}

function bodyOf(request: FastifyRequest): Buffer {
  return Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
}

/** A partial write: the good lines are durable; the reply names the first dropped line, as InfluxDB does. */
function partialError(result: {
  points: number;
  problems: ReadonlyArray<{ line: number; column: number; message: string; text: string }>;
}) {
  const first = result.problems[0]!;
  return {
    error: {
      code: 'partial_write',
      message: `partial write: line ${first.line}, column ${first.column}: ${first.message} (in '${first.text}'); ${result.points} points written, ${result.problems.length}${result.problems.length >= 100 ? '+' : ''} lines dropped`,
      details: result.problems.map((p) => ({
        path: `line ${p.line}:${p.column}`,
        message: p.message,
      })),
    },
  };
}

function influxError(err: unknown, request: FastifyRequest, reply: FastifyReply) {
  // Same status and message as the rest of the API, in InfluxDB's { "error": "…" } shape.
  const original = reply.send.bind(reply);
  reply.send = ((payload: unknown) => {
    const e = (payload as { error?: { message?: string } } | undefined)?.error;
    return original(e && typeof e === 'object' ? { error: e.message } : payload);
  }) as typeof reply.send;
  return replyWithError(err, request, reply);
}
