import { satisfies } from '../../policy/targets.js';
import { QuantileSketch } from './quantile-sketch.js';
import { selectsSeries } from './series-selector.js';
import { bucketStart } from '../../domain/buckets.js';
const MINUTE = 60_000;
const QUANTILES = { p50: 0.5, p90: 0.9, p95: 0.95, p99: 0.99 };
export class RuleEngine {
    rules;
    anomalyRules;
    /** Per series: the windows it feeds, in which role, and the bucket it last fed (most points land in the same minute). */
    // Dense lists indexed through typed arrays: a sparse JS array indexed by series id falls into
    // dictionary mode, and the lookup was most of a point's cost here.
    feedLists = [];
    feedOf = new Int32Array(1024).fill(-1);
    anomalyOf = new Int32Array(1024).fill(-1);
    lastAlertMinute = new Map();
    windows = [];
    ratioWindows;
    alerts = [];
    evaluatedTo = 0;
    constructor(rules, anomalyRules) {
        this.rules = rules;
        this.anomalyRules = anomalyRules;
        this.ratioWindows = rules.map((r, i) => {
            if (!r.ratio)
                return undefined;
            const w = { rule: i, series: undefined, buckets: new Map(), denominator: new Map(), breached: false };
            this.windows.push(w);
            return w;
        });
    }
    /** Whether any rule or alert exists; with none, the pipeline skips this stage. */
    get active() {
        return this.rules.length > 0 || this.anomalyRules.length > 0;
    }
    /** Matches a newly seen series to the rules it feeds. */
    attach(series, parts) {
        const feeds = [];
        this.rules.forEach((r, i) => {
            if (r.series && selectsSeries(r.series, parts)) {
                const window = { rule: i, series, buckets: new Map(), denominator: undefined, breached: false };
                this.windows.push(window);
                feeds.push({ window, role: 0 /* Role.Series */, minute: NaN, agg: undefined });
            }
            if (r.ratio && selectsSeries(r.ratio.numerator, parts))
                feeds.push({ window: this.ratioWindows[i], role: 1 /* Role.Numerator */, minute: NaN, agg: undefined });
            if (r.ratio && selectsSeries(r.ratio.denominator, parts))
                feeds.push({ window: this.ratioWindows[i], role: 2 /* Role.Denominator */, minute: NaN, agg: undefined });
        });
        if (series >= this.feedOf.length) {
            const n = Math.max(series + 1, this.feedOf.length * 2);
            const grow = (a) => {
                const b = new Int32Array(n).fill(-1);
                b.set(a);
                return b;
            };
            this.feedOf = grow(this.feedOf);
            this.anomalyOf = grow(this.anomalyOf);
        }
        if (feeds.length > 0) {
            this.feedOf[series] = this.feedLists.length;
            this.feedLists.push(feeds);
        }
        this.anomalyOf[series] = this.anomalyRules.findIndex((a) => selectsSeries(a.series, parts));
    }
    observe(series, time, value, score) {
        const f0 = this.feedOf[series];
        if (f0 >= 0) {
            const feeds = this.feedLists[f0];
            const minute = bucketStart(time, MINUTE);
            for (let k = 0; k < feeds.length; k++) {
                const f = feeds[k];
                let agg = f.minute === minute ? f.agg : undefined;
                if (agg === undefined) {
                    const rule = this.rules[f.window.rule];
                    const buckets = f.role === 2 /* Role.Denominator */ ? f.window.denominator : f.window.buckets;
                    agg = buckets.get(minute);
                    if (!agg) {
                        agg = { count: 0, sum: 0, min: Infinity, max: -Infinity, last: NaN, lastAt: -Infinity, sketch: rule.aggregate in QUANTILES && !rule.ratio ? new QuantileSketch() : undefined };
                        buckets.set(minute, agg);
                    }
                    f.minute = minute;
                    f.agg = agg;
                }
                agg.count++;
                agg.sum += value;
                if (value < agg.min)
                    agg.min = value;
                if (value > agg.max)
                    agg.max = value;
                if (time >= agg.lastAt) {
                    agg.last = value;
                    agg.lastAt = time;
                }
                agg.sketch?.add(value);
            }
        }
        const a = this.anomalyOf[series];
        const anomaly = a >= 0 ? this.anomalyRules[a] : undefined;
        if (anomaly !== undefined && score >= anomaly.minScore) {
            // One alert a series a minute: an anomaly lasting a while is one event, not a flood.
            const minute = Math.floor(time / MINUTE);
            if (this.lastAlertMinute.get(series) !== minute) {
                this.lastAlertMinute.set(series, minute);
                this.alerts.push({ rule: anomaly, series, at: time, value, score });
            }
        }
    }
    takeAlerts() {
        const out = this.alerts;
        this.alerts = [];
        return out;
    }
    /**
     * Judges every window that ends at the last whole minute before `now`, once per minute,
     * and returns the rules that changed between met and breached.
     */
    evaluate(now) {
        const to = Math.floor(now / MINUTE) * MINUTE;
        if (to <= this.evaluatedTo)
            return [];
        this.evaluatedTo = to;
        const out = [];
        for (const w of this.windows) {
            const rule = this.rules[w.rule];
            const from = to - rule.overMs;
            prune(w.buckets, from);
            if (w.denominator)
                prune(w.denominator, from);
            const value = w.denominator ? ratio(w.buckets, w.denominator, from, to) : aggregate(rule.aggregate, w.buckets, from, to);
            if (value === undefined)
                continue; // no data in the window: nothing to judge
            const breached = !satisfies(value, rule.target);
            if (breached !== w.breached) {
                w.breached = breached;
                out.push({ type: breached ? 'metric.breached' : 'metric.recovered', rule, series: w.series, from, to, value });
            }
        }
        return out;
    }
}
function prune(buckets, from) {
    for (const minute of buckets.keys())
        if (minute < from)
            buckets.delete(minute);
}
function inWindow(buckets, from, to) {
    const out = [];
    for (const [minute, agg] of buckets)
        if (minute >= from && minute < to)
            out.push(agg);
    return out;
}
function aggregate(kind, buckets, from, to) {
    const aggs = inWindow(buckets, from, to);
    const count = aggs.reduce((n, a) => n + a.count, 0);
    if (count === 0)
        return undefined;
    switch (kind) {
        case 'mean':
            return aggs.reduce((s, a) => s + a.sum, 0) / count;
        case 'sum':
            return aggs.reduce((s, a) => s + a.sum, 0);
        case 'count':
            return count;
        case 'min':
            return Math.min(...aggs.map((a) => a.min));
        case 'max':
            return Math.max(...aggs.map((a) => a.max));
        case 'last':
            return aggs.reduce((best, a) => (a.lastAt > best.lastAt ? a : best)).last;
        default: {
            const merged = new QuantileSketch();
            for (const a of aggs)
                if (a.sketch)
                    merged.merge(a.sketch);
            return merged.quantile(QUANTILES[kind]);
        }
    }
}
/** Sum of the numerator over sum of the denominator, in percent; undefined without a denominator. */
function ratio(numerator, denominator, from, to) {
    const den = inWindow(denominator, from, to).reduce((s, a) => s + a.sum, 0);
    if (den === 0)
        return undefined;
    const num = inWindow(numerator, from, to).reduce((s, a) => s + a.sum, 0);
    return (num / den) * 100;
}
//# sourceMappingURL=rule-engine.js.map