import { SuretyError } from '../../domain/errors.js';
import { parseJsonPoints } from '../../sources/ingest/json-points.js';
import {
  parseLineProtocol,
  type KnownParts,
  type Precision,
} from '../../sources/ingest/line-protocol.js';
import { parseRemoteWrite } from '../../sources/ingest/prometheus-remote-write.js';
import type { IngestProblem, PointBatch } from '../../sources/ingest/point-batch.js';

/** The body formats the pipeline accepts; the number is what the log records. */
export const FORMATS = { lineProtocol: 1, remoteWrite: 2, json: 3 } as const;
export type FormatName = keyof typeof FORMATS;

export const PRECISIONS: readonly Precision[] = ['ns', 'us', 'ms', 's', 'm', 'h'];

export interface ParseContext {
  readonly precision: Precision;
  readonly receivedAt: number;
  readonly maxFutureMs: number;
  readonly knownParts?: KnownParts | undefined;
}

/** Parses a (decompressed) body of a format into a batch; problems name line and column. */
export function parseBody(
  format: number,
  payload: Buffer,
  ctx: ParseContext,
  batch: PointBatch,
  problems: IngestProblem[],
): void {
  switch (format) {
    case FORMATS.lineProtocol:
      parseLineProtocol(
        payload,
        {
          precision: ctx.precision,
          now: ctx.receivedAt,
          maxFutureMs: ctx.maxFutureMs,
          knownParts: ctx.knownParts,
        },
        batch,
        problems,
      );
      return;
    case FORMATS.remoteWrite:
      // Snappy is part of the format (the logged payload is the compressed body as sent).
      parseRemoteWrite(
        payload,
        { now: ctx.receivedAt, maxFutureMs: ctx.maxFutureMs },
        batch,
        problems,
      );
      return;
    case FORMATS.json:
      parseJsonPoints(
        payload,
        { now: ctx.receivedAt, maxFutureMs: ctx.maxFutureMs },
        batch,
        problems,
      );
      return;
    default:
      throw new SuretyError('invalid_input', `unknown ingest format ${format}`);
  }
}
