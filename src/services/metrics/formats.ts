import { SuretyError } from '../../domain/errors.js';
import { parseLineProtocol, type Precision } from '../../sources/ingest/line-protocol.js';
import type { IngestProblem, PointBatch } from '../../sources/ingest/point-batch.js';

/** The body formats the pipeline accepts; the number is what the log records. */
export const FORMATS = { lineProtocol: 1 } as const;
export type FormatName = keyof typeof FORMATS;

export const PRECISIONS: readonly Precision[] = ['ns', 'us', 'ms', 's', 'm', 'h'];

export interface ParseContext {
  readonly precision: Precision;
  readonly receivedAt: number;
  readonly maxFutureMs: number;
}

/** Parses a (decompressed) body of a format into a batch; problems name line and column. */
export function parseBody(format: number, payload: Buffer, ctx: ParseContext, batch: PointBatch, problems: IngestProblem[]): void {
  switch (format) {
    case FORMATS.lineProtocol:
      parseLineProtocol(payload, { precision: ctx.precision, now: ctx.receivedAt, maxFutureMs: ctx.maxFutureMs }, batch, problems);
      return;
    default:
      throw new SuretyError('invalid_input', `unknown ingest format ${format}`);
  }
}
