import { SuretyError, invalidInput } from '../../domain/errors.js';
import type { TimeSource } from '../../domain/time.js';
import { SeriesRegistry } from '../../sources/ingest/series-registry.js';
import type { MetricsPolicy } from '../../policy/policy.js';
import type { Precision } from '../../sources/ingest/line-protocol.js';
import { PointBatch, ValueKind, type IngestProblem } from '../../sources/ingest/point-batch.js';
import type { Store } from '../store/index.js';
import { localEvaluation, type MetricEvaluation } from './evaluation.js';
import { CHECKPOINT, parseCheckpoint } from './checkpoint.js';
import { PRECISIONS, parseBody } from './formats.js';
import type { LogPosition, MetricLog } from './metric-log.js';

export interface PipelineLimits {
  /** Distinct series held at most; past it, writes adding series are refused. */
  readonly maxSeries: number;
  /** Timestamps later than receive time + this are refused. */
  readonly maxFutureMs: number;
}

export interface IngestOptions {
  readonly precision: Precision;
  /** Keep the good lines of a body with bad ones (InfluxDB's partial write) instead of refusing it whole. */
  readonly partial: boolean;
}

export interface IngestResult {
  readonly points: number;
  /** With a partial write: the lines that were dropped, first one first. */
  readonly problems: readonly IngestProblem[];
}

const PARTIAL = 1;

/**
 * The receiving half of the metrics pipeline: parse → series ids (bounded) → log (durable)
 * → hand the points to the evaluation (rollups, detector, rules; see evaluator.ts), and every
 * so often have it flush with the log position it covers. After a crash, replaying the log
 * from the stored position rebuilds exactly what was acknowledged and not yet flushed — no
 * point lost, none counted twice.
 *
 * Parsing, resolving, logging and handing over one body happen in one synchronous stretch, so
 * the evaluation receives points in log order and a flush covers exactly the records before
 * it; only the wait for the disk is asynchronous.
 */
export class MetricsPipeline {
  private readonly registry: SeriesRegistry;
  private readonly batch = new PointBatch(16_384);
  private ids = new Int32Array(16_384);
  private flushing: Promise<void> = Promise.resolve();
  private readonly evaluation: MetricEvaluation;
  /** Points accepted since start, for the figures people ask about. */
  accepted = 0;

  constructor(
    private readonly store: Store,
    private readonly log: MetricLog,
    private readonly time: TimeSource,
    private readonly limits: PipelineLimits,
    metricsPolicy?: MetricsPolicy,
    evaluation?: MetricEvaluation,
  ) {
    this.registry = new SeriesRegistry(limits.maxSeries);
    this.evaluation = evaluation ?? localEvaluation(store, metricsPolicy);
  }

  get seriesCount(): number {
    return this.registry.size;
  }

  /** Loads the known series and replays what the log holds beyond the last flush. */
  async recover(): Promise<{ records: number; points: number }> {
    const known = await this.store.metrics.allSeriesKeys();
    this.registry.load(known);
    await this.evaluation.load(known);
    const from = parseCheckpoint(await this.store.meta.get(CHECKPOINT));
    let records = 0;
    let points = 0;
    for await (const r of this.log.replay(from)) {
      const problems: IngestProblem[] = [];
      this.batch.truncate(0);
      parseBody(
        r.format,
        r.payload,
        {
          precision: PRECISIONS[r.precision] ?? 'ns',
          receivedAt: r.receivedAt,
          maxFutureMs: Infinity,
          knownParts: this.registry,
        },
        this.batch,
        problems,
      );
      // What was acknowledged is replayed even if the series limit has since been lowered.
      this.resolveIds(true);
      this.handOver();
      records++;
      points += this.batch.count;
      await this.evaluation.ready();
    }
    await this.flush();
    return { records, points };
  }

  /** See MetricEvaluation.collectGarbage: for measuring what the pipeline keeps. */
  collectGarbage(): Promise<void> {
    return this.evaluation.collectGarbage();
  }

  /** The last flush, then the evaluation and the log closed. The runtime's flush loop stops first. */
  async stop(): Promise<void> {
    try {
      await this.flush();
    } finally {
      await this.evaluation.close();
      await this.log.close();
    }
  }

  /**
   * Accepts one body: parsed and checked whole, logged, handed over; resolves once it is on
   * disk. A body with a bad line is refused whole (nothing written) unless `partial` asks to
   * keep the good lines.
   */
  async ingest(format: number, payload: Buffer, options: IngestOptions): Promise<IngestResult> {
    // An evaluation that has fallen behind holds new bodies back (HTTP backpressure) rather than queueing without bound.
    await this.evaluation.ready();
    const receivedAt = this.time.now();
    const problems: IngestProblem[] = [];
    const batch = this.batch;
    batch.truncate(0);
    parseBody(
      format,
      payload,
      {
        precision: options.precision,
        receivedAt,
        maxFutureMs: this.limits.maxFutureMs,
        knownParts: this.registry,
      },
      batch,
      problems,
    );
    if (problems.length > 0 && !options.partial) throw refusal(problems);
    if (batch.count === 0) return { points: 0, problems };
    this.resolveIds(false);
    const { durable } = this.log.append(
      {
        format,
        precision: PRECISIONS.indexOf(options.precision),
        flags: options.partial ? PARTIAL : 0,
        receivedAt,
      },
      payload,
    );
    const points = batch.count;
    this.handOver();
    await durable;
    this.accepted += points;
    return { points, problems };
  }

  /**
   * Has the evaluation store what it gathered with the log position that covers it; then
   * drops log segments no longer needed.
   */
  flush(): Promise<void> {
    this.flushing = this.flushing.catch(() => {}).then(() => this.flushOnce());
    return this.flushing;
  }

  private async flushOnce(): Promise<void> {
    // Taken in one synchronous step with the hand-over: the flush covers exactly the records up to here.
    const covered: LogPosition = this.log.head;
    // The evaluation takes what it holds now but stores it only once the log is on disk up
    // to `covered`: never the effect of a record that is not durable (nor acknowledged).
    await this.evaluation.flush(covered, this.time.now(), this.log.syncedThrough(covered));
    await this.log.discardBefore(covered);
  }

  private resolveIds(replaying: boolean): void {
    const n = this.batch.count;
    if (this.ids.length < n) this.ids = new Int32Array(Math.max(n, this.ids.length * 2));
    // On replay the limit does not apply: what was accepted stays accepted, even if the limit was lowered since.
    const before = this.registry.size;
    this.registry.resolve(this.batch, this.ids, replaying);
    if (this.registry.size > before) {
      const rows: Array<{ id: number; key: string }> = [];
      for (let id = before; id < this.registry.size; id++)
        rows.push({ id, key: this.registry.keyOf(id) });
      this.evaluation.addSeries(rows);
    }
  }

  /** The batch's numeric points, copied into arrays the evaluation lends. */
  private handOver(): void {
    const { count, values, times, kinds } = this.batch;
    let n = 0;
    for (let i = 0; i < count; i++) if (kinds[i] === ValueKind.Number) n++;
    const out = this.evaluation.borrow(n);
    const { ids, times: t, values: v } = out;
    const src = this.ids;
    for (let i = 0, k = 0; i < count; i++) {
      if (kinds[i] !== ValueKind.Number) continue;
      ids[k] = src[i]!;
      t[k] = times[i]!;
      v[k] = values[i]!;
      k++;
    }
    this.evaluation.apply(out);
  }
}

function refusal(problems: readonly IngestProblem[]): SuretyError {
  const first = problems[0]!;
  return invalidInput(
    `line ${first.line}, column ${first.column}: ${first.message} (in '${first.text}'); nothing was written${problems.length > 1 ? ` (${problems.length}${problems.length >= 100 ? '+' : ''} bad lines)` : ''}`,
    problems.map((p) => ({ path: `line ${p.line}:${p.column}`, message: p.message })),
  );
}
