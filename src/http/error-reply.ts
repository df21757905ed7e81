import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { SuretyError, type ErrorCode, type ErrorDetail } from '../domain/errors.js';
import { explainErrors } from '../validation/explain.js';

const STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unknown_reference: 422,
  late_entry: 422,
  unavailable: 503,
};

export interface ErrorBody {
  error: { code: string; message: string; details?: readonly ErrorDetail[] };
}

/** The one place errors become HTTP replies: the core's codes, Fastify's own, and the unexpected. */
export function replyWithError(
  err: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const e = toSuretyError(err, request);
  if (!e) {
    request.log.error({ err }, 'unexpected error');
    return reply.status(500).send({
      error: {
        code: 'internal',
        message: 'something went wrong on our side; it has been logged',
      },
    } satisfies ErrorBody);
  }
  if (e.code === 'unauthorized') reply.header('www-authenticate', 'Bearer realm="surety"');
  const body: ErrorBody = {
    error: {
      code: e.code,
      message: e.message,
      ...(e.details.length > 0 ? { details: e.details } : {}),
    },
  };
  return reply.status(STATUS[e.code]).send(body);
}

function toSuretyError(err: unknown, request: FastifyRequest): SuretyError | undefined {
  if (err instanceof SuretyError) return err;
  const f = err as FastifyError & { validation?: unknown[]; validationContext?: string };
  if (f.validation) {
    const part = f.validationContext ?? 'request';
    const data =
      part === 'querystring'
        ? request.query
        : part === 'params'
          ? request.params
          : part === 'headers'
            ? request.headers
            : request.body;
    const details = explainErrors(f.validation as never, data);
    return new SuretyError(
      'invalid_input',
      `invalid ${part}: ${details.map((d) => `${d.path.slice(1) || part}: ${d.message}`).join('; ')}`,
      details,
    );
  }
  switch (f.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new SuretyError(
        'too_large',
        `the request body is larger than the ${Math.round(request.routeOptions.bodyLimit! / 1024)} KiB this endpoint accepts`,
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new SuretyError(
        'invalid_input',
        `send the body as JSON with "Content-Type: application/json" (got ${request.headers['content-type'] ?? 'no content type'})`,
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new SuretyError('invalid_input', 'the body is empty; send a JSON object');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new SuretyError('invalid_input', 'the Content-Length header does not match the body');
    case 'FST_ERR_NOT_FOUND':
      return new SuretyError(
        'not_found',
        `no such endpoint: ${request.method} ${request.url.split('?')[0]}`,
      );
  }
  if (f instanceof SyntaxError || f.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return new SuretyError('invalid_input', `the body is not valid JSON: ${f.message}`);
  }
  if (typeof f.statusCode === 'number' && f.statusCode >= 400 && f.statusCode < 500) {
    return new SuretyError(
      f.statusCode === 413 ? 'too_large' : f.statusCode === 404 ? 'not_found' : 'invalid_input',
      f.message,
    );
  }
  return undefined;
}
