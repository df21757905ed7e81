import type { Logger } from 'pino';
import { SuretyError, invalidInput } from '../../domain/errors.js';
import type { TimeSource } from '../../domain/time.js';
import { DetectorPool } from '../../evaluate/metrics/detector-pool.js';
import { RollupAccumulator } from '../../evaluate/metrics/rollups.js';
import { parseSeriesKey } from '../../evaluate/metrics/series-key.js';
import { SeriesRegistry } from '../../evaluate/metrics/series-registry.js';
import { RuleEngine } from '../../evaluate/metrics/rule-engine.js';
import { SketchRollups } from '../../evaluate/metrics/sketch-rollups.js';
import { RawPoints } from '../../evaluate/metrics/raw-points.js';
import { selectsSeries } from '../../evaluate/metrics/series-selector.js';
import type { MetricsPolicy } from '../../policy/policy.js';
import { formatThreshold } from '../../policy/format-target.js';
import type { Precision } from '../../sources/ingest/line-protocol.js';
import { PointBatch, ValueKind, type IngestProblem } from '../../sources/ingest/point-batch.js';
import type { NewSignal, Store } from '../store.js';
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

const CHECKPOINT = 'metrics.checkpoint';
const SKETCH = 1;
const RAW = 2;
const PARTIAL = 1;

/**
 * The metrics pipeline: parse → log (durable) → per-series state (rollups, detector) →
 * periodic flush of rollup deltas to the store, with the log position they cover written
 * in the same transaction. After a crash, replaying the log from that position rebuilds
 * exactly what was acknowledged and not yet flushed — no point lost, none counted twice.
 *
 * Everything from parsing to applying a body happens in one synchronous stretch, so state
 * and log position always agree; only the wait for the disk is asynchronous.
 */
export class MetricsPipeline {
  private readonly registry: SeriesRegistry;
  private readonly rollups = new RollupAccumulator();
  private readonly detectors = new DetectorPool();
  private readonly batch = new PointBatch(16_384);
  private ids = new Int32Array(16_384);
  private pendingSignals: NewSignal[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  /** Points accepted since start, for the figures people ask about. */
  accepted = 0;

  private readonly rules: RuleEngine;
  private readonly sketches = new SketchRollups();
  /** Per series: what the policy asks of it beyond rollups (SKETCH, RAW bits). */
  private wants = new Uint8Array(1024);
  private readonly raw = new RawPoints();

  constructor(
    private readonly store: Store,
    private readonly log: MetricLog,
    private readonly time: TimeSource,
    private readonly limits: PipelineLimits,
    metricsPolicy: MetricsPolicy = { quantiles: [], raw: { windowMs: 3_600_000, series: [] }, rules: [], anomalies: [] },
    private readonly logger?: Logger,
  ) {
    this.registry = new SeriesRegistry(limits.maxSeries);
    this.rules = new RuleEngine(metricsPolicy.rules, metricsPolicy.anomalies);
    this.metricsPolicy = metricsPolicy;
  }

  private readonly metricsPolicy: MetricsPolicy;

  /** Matches a series, new or reloaded, to the rules and quantile selectors it falls under. */
  private attach(id: number): void {
    const m = this.metricsPolicy;
    if (!this.rules.active && m.quantiles.length === 0 && m.raw.series.length === 0) return;
    const parts = parseSeriesKey(this.registry.keyOf(id));
    if (this.rules.active) this.rules.attach(id, parts);
    const wants = (m.quantiles.some((q) => selectsSeries(q, parts)) ? SKETCH : 0) | (m.raw.series.some((q) => selectsSeries(q, parts)) ? RAW : 0);
    if (wants === 0) return;
    if (id >= this.wants.length) {
      const grown = new Uint8Array(Math.max(id + 1, this.wants.length * 2));
      grown.set(this.wants);
      this.wants = grown;
    }
    this.wants[id] = wants;
  }

  get seriesCount(): number {
    return this.registry.size;
  }

  /** Loads the known series and replays what the log holds beyond the last flush. */
  async recover(): Promise<{ records: number; points: number }> {
    const known = await this.store.metrics.allSeriesKeys();
    this.registry.load(known);
    for (const { id } of known) this.attach(id);
    const stored = await this.store.meta.get(CHECKPOINT);
    const from = stored ? parsePosition(stored) : { segment: 0, offset: 0 };
    let records = 0;
    let points = 0;
    for await (const r of this.log.replay(from)) {
      const problems: IngestProblem[] = [];
      this.batch.truncate(0);
      parseBody(r.format, r.payload, { precision: PRECISIONS[r.precision] ?? 'ns', receivedAt: r.receivedAt, maxFutureMs: Infinity }, this.batch, problems);
      // What was acknowledged is replayed even if the series limit has since been lowered.
      this.resolveIds(true);
      this.apply();
      records++;
      points += this.batch.count;
    }
    await this.flush();
    return { records, points };
  }

  /** Flushes every `intervalMs` until stopped. */
  start(intervalMs: number): void {
    const tick = () => {
      this.timer = setTimeout(() => void this.flush().catch((err) => this.logger?.error({ err }, 'metrics flush failed; retrying')).finally(tick), intervalMs);
      this.timer.unref?.();
    };
    tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.flush();
    await this.log.close();
  }

  /**
   * Accepts one body: parsed and checked whole, logged, applied; resolves once it is on disk.
   * A body with a bad line is refused whole (nothing written) unless `partial` asks to keep
   * the good lines.
   */
  async ingest(format: number, payload: Buffer, options: IngestOptions): Promise<IngestResult> {
    const receivedAt = this.time.now();
    const problems: IngestProblem[] = [];
    const batch = this.batch;
    batch.truncate(0);
    parseBody(format, payload, { precision: options.precision, receivedAt, maxFutureMs: this.limits.maxFutureMs }, batch, problems);
    if (problems.length > 0 && !options.partial) throw refusal(problems);
    if (batch.count === 0) return { points: 0, problems };
    this.resolveIds(false);
    const { durable } = this.log.append({ format, precision: PRECISIONS.indexOf(options.precision), flags: options.partial ? PARTIAL : 0, receivedAt }, payload);
    const points = this.apply();
    await durable;
    this.accepted += points;
    return { points, problems };
  }

  /**
   * Stores the rollup deltas, new series and signals gathered so far, with the log position
   * they cover, in one transaction; then drops log segments no longer needed.
   */
  flush(): Promise<void> {
    this.flushing = this.flushing.catch(() => {}).then(() => this.flushOnce());
    return this.flushing;
  }

  private async flushOnce(): Promise<void> {
    // Taken in one synchronous step: these deltas are exactly the records up to `covered`.
    const covered: LogPosition = this.log.head;
    const deltas = this.rollups.takeDeltas();
    const sketchDeltas = this.sketches.takeDeltas();
    const raw = this.raw.take();
    const newSeries = this.registry.takeUnsaved();
    if (this.rules.active) this.collectRuleSignals();
    const signals = this.pendingSignals;
    this.pendingSignals = [];
    try {
      // Never store the effect of a record that is not yet on disk (and not yet acknowledged).
      await this.log.syncedThrough(covered);
      const createdAt = this.time.now();
      await this.store.transaction(async (tx) => {
        if (newSeries.length > 0) {
          await tx.metrics.insertSeries(newSeries.map((id) => ({ id, key: this.registry.keyOf(id), ...parseSeriesKey(this.registry.keyOf(id)), createdAt })));
        }
        if (deltas.length > 0) await tx.metrics.mergeRollups(deltas);
        if (sketchDeltas.length > 0) await tx.metrics.appendSketches(sketchDeltas.map((d) => ({ series: d.series, bucket: d.bucket, data: d.sketch.toData() })));
        if (signals.length > 0) await tx.signals.append(signals);
        if (raw.count > 0) await tx.metrics.insertPoints(raw);
        if (this.metricsPolicy.raw.series.length > 0) await tx.metrics.deletePointsBefore(createdAt - this.metricsPolicy.raw.windowMs);
        await tx.meta.set(CHECKPOINT, `${covered.segment}:${covered.offset}`);
      });
    } catch (err) {
      // Kept for the next flush: deltas add up, so storing them later is as good as now.
      this.rollups.giveBack(deltas);
      this.sketches.giveBack(sketchDeltas);
      this.raw.giveBack(raw);
      this.registry.giveBackUnsaved(newSeries);
      this.pendingSignals = [...signals, ...this.pendingSignals];
      throw err;
    }
    await this.log.discardBefore(covered);
  }

  private resolveIds(replaying: boolean): void {
    const n = this.batch.count;
    if (this.ids.length < n) this.ids = new Int32Array(Math.max(n, this.ids.length * 2));
    // On replay the limit does not apply: what was accepted stays accepted, even if the limit was lowered since.
    const before = this.registry.size;
    this.registry.resolve(this.batch, this.ids, replaying);
    for (let id = before; id < this.registry.size; id++) this.attach(id);
    this.rollups.ensure(this.registry.size);
    this.detectors.ensure(this.registry.size);
  }

  /** Feeds the batch into the per-series state; returns how many points it held. */
  private apply(): number {
    const { count, values, times, kinds } = this.batch;
    const ids = this.ids;
    const rules = this.rules.active ? this.rules : undefined;
    for (let i = 0; i < count; i++) {
      if (kinds[i] !== ValueKind.Number) continue;
      const series = ids[i]!;
      const score = this.detectors.score(series, times[i]!, values[i]!);
      this.rollups.add(series, times[i]!, values[i]!, score);
      rules?.observe(series, times[i]!, values[i]!, score);
      const wants = this.wants[series];
      if (wants) {
        if (wants & SKETCH) this.sketches.add(series, times[i]!, values[i]!);
        if (wants & RAW) this.raw.push(series, times[i]!, values[i]!);
      }
    }
    return count;
  }

  /** Rule transitions and anomaly alerts since the last flush, as signals for the event stream. */
  private collectRuleSignals(): void {
    const now = this.time.now();
    const describe = (id: number) => {
      const parts = parseSeriesKey(this.registry.keyOf(id));
      return { key: Buffer.from(this.registry.keyOf(id), 'latin1').toString('utf8'), ...parts };
    };
    for (const t of this.rules.evaluate(now)) {
      const series = t.series === undefined ? undefined : describe(t.series);
      this.pendingSignals.push({
        at: t.to,
        recordedAt: now,
        type: t.type,
        subjectType: series ? 'series' : 'metric-rule',
        subjectId: series ? series.key : t.rule.id,
        commitment: t.rule.id,
        customer: null,
        data: {
          rule: t.rule.id,
          name: t.rule.name,
          ...(series ? { series: { measurement: series.measurement, tags: series.tags, field: series.field } } : { ratio: t.rule.ratio }),
          aggregate: t.rule.ratio ? 'ratio' : t.rule.aggregate,
          window: { from: new Date(t.from).toISOString(), to: new Date(t.to).toISOString() },
          value: t.value,
          target: formatThreshold(t.rule.target),
          onBreach: t.rule.onBreach,
        },
        dedupeKey: `metric:${t.rule.id}:${series?.key ?? '*'}:${t.type}:${t.to}`,
      });
    }
    for (const a of this.rules.takeAlerts()) {
      const series = describe(a.series);
      this.pendingSignals.push({
        at: a.at,
        recordedAt: now,
        type: 'metric.anomaly',
        subjectType: 'series',
        subjectId: series.key,
        commitment: null,
        customer: null,
        data: { series: { measurement: series.measurement, tags: series.tags, field: series.field }, value: a.value, score: a.score, minScore: a.rule.minScore, onAnomaly: a.rule.onAnomaly },
        dedupeKey: `anomaly:${a.series}:${Math.floor(a.at / 60_000)}`,
      });
    }
  }
}

function refusal(problems: readonly IngestProblem[]): SuretyError {
  const first = problems[0]!;
  return invalidInput(
    `line ${first.line}, column ${first.column}: ${first.message} (in '${first.text}'); nothing was written${problems.length > 1 ? ` (${problems.length}${problems.length >= 100 ? '+' : ''} bad lines)` : ''}`,
    problems.map((p) => ({ path: `line ${p.line}:${p.column}`, message: p.message })),
  );
}

function parsePosition(text: string): LogPosition {
  const [segment, offset] = text.split(':').map(Number);
  return { segment: segment ?? 0, offset: offset ?? 0 };
}

