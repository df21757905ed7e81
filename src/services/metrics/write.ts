import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { SuretyError, invalidInput } from '../../domain/errors.js';
import type { Precision } from '../../sources/ingest/line-protocol.js';
import { requireRole } from '../authorize.js';
import type { Caller } from '../context.js';
import { PRECISIONS } from './formats.js';
import type { IngestResult, MetricsPipeline } from './pipeline.js';

const gunzipAsync = promisify(gunzip);

export interface WriteInput {
  readonly format: number;
  readonly body: Buffer;
  /** The Content-Encoding header, if any. */
  readonly encoding?: string | undefined;
  readonly precision?: string | undefined;
  readonly partial?: boolean | undefined;
}

/** Most a compressed body may grow to, so a small "zip bomb" cannot take the memory. */
export const MAX_DECODED_BYTES = 64 * 1024 * 1024;

/** Accepts a metrics body from a caller allowed to write. Resolves once it is durable. */
export async function writeMetrics({
  caller,
  pipeline,
  input,
}: {
  caller: Caller;
  pipeline: MetricsPipeline;
  input: WriteInput;
}): Promise<IngestResult> {
  requireRole(caller, ['admin', 'agent'], 'writing metrics');
  const precision = (input.precision ?? 'ns') as Precision;
  if (!PRECISIONS.includes(precision)) {
    throw invalidInput(`precision: "${input.precision}" is not one of ${PRECISIONS.join(', ')}`, [
      { path: '/precision', message: 'unknown precision' },
    ]);
  }
  const body = await decode(input.body, input.encoding);
  return pipeline.ingest(input.format, body, { precision, partial: input.partial ?? false });
}

async function decode(body: Buffer, encoding: string | undefined): Promise<Buffer> {
  const e = (encoding ?? 'identity').trim().toLowerCase();
  if (e === 'identity' || e === '') return body;
  if (e !== 'gzip' && e !== 'x-gzip')
    throw new SuretyError(
      'invalid_input',
      `Content-Encoding "${encoding}" is not supported; send the body plain or gzip-compressed`,
    );
  try {
    return await gunzipAsync(body, { maxOutputLength: MAX_DECODED_BYTES });
  } catch (err) {
    const tooBig = (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
    throw new SuretyError(
      tooBig ? 'too_large' : 'invalid_input',
      tooBig
        ? `the body inflates to more than ${MAX_DECODED_BYTES / 1024 / 1024} MiB`
        : `the body is not valid gzip: ${(err as Error).message}`,
    );
  }
}
