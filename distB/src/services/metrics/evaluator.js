import { DetectorPool } from '../../evaluate/metrics/detector-pool.js';
import { RawPoints } from '../../evaluate/metrics/raw-points.js';
import { RollupAccumulator } from '../../evaluate/metrics/rollups.js';
import { RuleEngine } from '../../evaluate/metrics/rule-engine.js';
import { parseSeriesKey } from '../../evaluate/metrics/series-key.js';
import { selectsSeries } from '../../evaluate/metrics/series-selector.js';
import { SketchRollups } from '../../evaluate/metrics/sketch-rollups.js';
import { ruleSignals } from './rule-signals.js';
export const CHECKPOINT = 'metrics.checkpoint';
export const NO_METRICS_POLICY = { quantiles: [], raw: { windowMs: 3_600_000, series: [] }, rules: [], anomalies: [] };
const SKETCH = 1;
const RAW = 2;
/**
 * The evaluating half of the metrics pipeline: per-series state (rollups, the anomaly
 * detector, metric rules, quantile sketches, raw points) fed with resolved points, and the
 * flush that stores what it gathered — rollup deltas, new series, rule and anomaly signals —
 * together with the log position it covers, in one transaction. It knows nothing of parsing
 * or the log, so it can run in a thread of its own (runtime/metrics-worker.ts) while the
 * receiving half parses the next bodies.
 */
export class MetricEvaluator {
    policy;
    rollups = new RollupAccumulator();
    detectors = new DetectorPool();
    rules;
    sketches = new SketchRollups();
    raw = new RawPoints();
    /** Per series: what the policy asks of it beyond rollups (SKETCH, RAW bits). */
    wants = new Uint8Array(1024);
    size = 0;
    /** Series registered since the last flush, for it to store. */
    unsaved = [];
    /** Rule transitions and anomaly alerts not yet stored (a failed flush keeps them here). */
    transitions = [];
    alerts = [];
    constructor(policy = NO_METRICS_POLICY) {
        this.policy = policy;
        this.rules = new RuleEngine(policy.rules, policy.anomalies);
    }
    /** Series stored earlier (id order): matched to the rules, not stored again. */
    load(rows) {
        for (const r of rows)
            this.attach(r.id, r.key);
        this.grow(rows.length === 0 ? 0 : rows[rows.length - 1].id + 1);
    }
    /** Series the receiving half registered, in id order; stored at the next flush. */
    addSeries(rows) {
        for (const r of rows) {
            this.attach(r.id, r.key);
            this.unsaved.push(r);
        }
        if (rows.length > 0)
            this.grow(rows[rows.length - 1].id + 1);
    }
    apply(p) {
        const { count, ids, times, values } = p;
        const rules = this.rules.active ? this.rules : undefined;
        const detectors = this.detectors;
        const rollups = this.rollups;
        const wantsOf = this.wants;
        for (let i = 0; i < count; i++) {
            const series = ids[i];
            const t = times[i];
            const v = values[i];
            const score = detectors.score(series, t, v);
            rollups.add(series, t, v, score);
            rules?.observe(series, t, v, score);
            const wants = wantsOf[series];
            if (wants) {
                if (wants & SKETCH)
                    this.sketches.add(series, t, v);
                if (wants & RAW)
                    this.raw.push(series, t, v);
            }
        }
    }
    /**
     * Takes everything applied so far (synchronously) and stores it, once `durable` resolves,
     * with `covered` as the log position it accounts for; if either fails, keeps it all for the
     * next flush (deltas add up, so later is as good as now).
     */
    async flush(store, covered, now, durable = Promise.resolve()) {
        const deltas = this.rollups.takeDeltas();
        const sketchDeltas = this.sketches.takeDeltas();
        const raw = this.raw.take();
        const newSeries = this.unsaved;
        this.unsaved = [];
        if (this.rules.active) {
            this.transitions.push(...this.rules.evaluate(now));
            this.alerts.push(...this.rules.takeAlerts());
        }
        const { transitions, alerts } = this;
        this.transitions = [];
        this.alerts = [];
        try {
            await durable;
            await store.transaction(async (tx) => {
                if (newSeries.length > 0) {
                    await tx.metrics.insertSeries(newSeries.map((s) => ({ id: s.id, key: s.key, ...parseSeriesKey(s.key), createdAt: now })));
                }
                if (deltas.length > 0)
                    await tx.metrics.mergeRollups(deltas);
                if (sketchDeltas.length > 0)
                    await tx.metrics.appendSketches(sketchDeltas.map((d) => ({ series: d.series, bucket: d.bucket, data: d.sketch.toData() })));
                if (transitions.length > 0 || alerts.length > 0) {
                    // Keys only for the series a signal names: the evaluator keeps no key strings.
                    const ids = new Set([...transitions.flatMap((t) => (t.series === undefined ? [] : [t.series])), ...alerts.map((a) => a.series)]);
                    const keys = new Map((await tx.metrics.findSeriesById([...ids])).map((s) => [s.id, s.key]));
                    await tx.signals.append(ruleSignals(transitions, alerts, keys, now));
                }
                if (raw.count > 0)
                    await tx.metrics.insertPoints(raw);
                if (this.policy.raw.series.length > 0)
                    await tx.metrics.deletePointsBefore(now - this.policy.raw.windowMs);
                await tx.meta.set(CHECKPOINT, `${covered.segment}:${covered.offset}`);
            });
        }
        catch (err) {
            this.rollups.giveBack(deltas);
            this.sketches.giveBack(sketchDeltas);
            this.raw.giveBack(raw);
            this.unsaved = [...newSeries, ...this.unsaved];
            this.transitions = [...transitions, ...this.transitions];
            this.alerts = [...alerts, ...this.alerts];
            throw err;
        }
    }
    attach(id, key) {
        const m = this.policy;
        if (!this.rules.active && m.quantiles.length === 0 && m.raw.series.length === 0)
            return;
        const parts = parseSeriesKey(key);
        if (this.rules.active)
            this.rules.attach(id, parts);
        const wants = (m.quantiles.some((q) => selectsSeries(q, parts)) ? SKETCH : 0) | (m.raw.series.some((q) => selectsSeries(q, parts)) ? RAW : 0);
        if (wants === 0)
            return;
        if (id >= this.wants.length) {
            const grown = new Uint8Array(Math.max(id + 1, this.wants.length * 2));
            grown.set(this.wants);
            this.wants = grown;
        }
        this.wants[id] = wants;
    }
    grow(size) {
        if (size <= this.size)
            return;
        this.size = size;
        this.rollups.ensure(size);
        this.detectors.ensure(size);
        if (this.wants.length < size) {
            const grown = new Uint8Array(Math.max(size, this.wants.length * 2));
            grown.set(this.wants);
            this.wants = grown;
        }
    }
}
export function parseCheckpoint(text) {
    if (!text)
        return { segment: 0, offset: 0 };
    const [segment, offset] = text.split(':').map(Number);
    return { segment: segment ?? 0, offset: offset ?? 0 };
}
//# sourceMappingURL=evaluator.js.map